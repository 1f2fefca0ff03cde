package dev.mailblocks.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr while inputs are read (bytes read of the total, speed, time left),
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

    /** Clears the bar's line so that a message can be printed. */
    default void pause() {
    }

    default void resume() {
    }

    default void finish() {
    }

    /** The bar, over the bytes of every input file. */
    final class Bar implements Progress {
        private final PrintStream stream;
        private ProgressBar bar;

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
                    .setMaxRenderedLength(100).setEtaFunction(state -> state.getElapsedAfterStart().isZero()
                            ? java.util.Optional.empty()
                            : java.util.Optional.of(Duration.ofMillis((long) (state.getElapsedAfterStart().toMillis()
                                    * (double) Math.max(0, state.getMax() - state.getCurrent())
                                    / Math.max(1, state.getCurrent() - state.getStart())))))
                    .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
        }

        @Override
        public void input(String name) {
            if (bar != null) {
                bar.setExtraMessage(" " + name);
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
