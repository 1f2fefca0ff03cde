package dev.mailblocks.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr while inputs are read (bytes read of the total, MB/s, lines/s, time left),
 * drawn only when the output is a terminal: cron logs and pipes get none.
 */
interface Progress {

    /** No bar. */
    Progress NONE = new Progress() {
    };

    /** A bar if stdout and stderr are a terminal, else none. */
    static Progress onTerminal() {
        return System.console() == null ? NONE : new Bar(System.err);
    }

    default void start(int inputs, long bytes) {
    }

    default void input(String name) {
    }

    default void advance(long bytes) {
    }

    default void lines(long lines) {
    }

    /** Clears the bar's line so that a message can be printed. */
    default void pause() {
    }

    default void finish() {
    }

    /** The bar, over the bytes of every input file. */
    final class Bar implements Progress {
        private final PrintStream stream;
        private ProgressBar bar;
        private String name = "";
        private long lines;
        private long startNanos;

        Bar(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public void start(int inputs, long bytes) {
            if (bytes < 16L * 1024 * 1024) {
                return; // a small ingest is done before a bar would be seen
            }
            bar = new ProgressBarBuilder().setTaskName("reading").setInitialMax(bytes).setUnit(" MB", 1_000_000)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(500)
                    .setMaxRenderedLength(130).setEtaFunction(state -> state.getElapsedAfterStart().isZero()
                            ? java.util.Optional.empty()
                            : java.util.Optional.of(Duration.ofMillis((long) (state.getElapsedAfterStart().toMillis()
                                    * (double) Math.max(0, state.getMax() - state.getCurrent())
                                    / Math.max(1, state.getCurrent() - state.getStart())))))
                    .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
            startNanos = System.nanoTime();
        }

        @Override
        public void input(String name) {
            this.name = name;
            message();
        }

        @Override
        public void lines(long more) {
            lines += more;
            message();
        }

        private void message() {
            if (bar != null) {
                double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
                bar.setExtraMessage(String.format(java.util.Locale.ROOT, " %,.0f lines/s %s", lines / seconds, name));
            }
        }

        @Override
        public void advance(long bytes) {
            if (bar != null) {
                bar.stepBy(bytes);
            }
        }

        @Override
        public void pause() {
            if (bar != null) {
                stream.print("\r\033[K");
                stream.flush();
            }
        }

        @Override
        public void finish() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
