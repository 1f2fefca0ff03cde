package dev.mailblocks.report;

import dev.mailblocks.store.ReportRows.Day;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts drawn from the data as plain numbers for the templates: the daily chart of
 * refusals by group (stacked bars with a distinct fill pattern per group, so no colour is needed
 * to tell them apart) with the block rate as a line with square markers, and sparklines.
 */
public final class Charts {

    /** The SVG's size and plot area. */
    static final int WIDTH = 760;
    static final int HEIGHT = 260;
    static final int LEFT = 48;
    static final int RIGHT = 48;
    static final int TOP = 24;
    static final int BOTTOM = 40;

    private Charts() {
    }

    /** One group's segment of a day's bar. */
    public record Bar(String x, String y, String w, String h, String fill, String title) {
    }

    /** An axis label or tick. */
    public record Label(String x, String y, String text, String anchor) {
    }

    /** A marker of the block-rate line. */
    public record Marker(String x, String y, String title) {
    }

    /** The daily chart. */
    public record DailyChart(int width, int height, List<Bar> bars, String ratePoints, List<Marker> markers,
            List<Label> labels, List<Label> gridLines, String summary) {

        public boolean isEmpty() {
            return bars.isEmpty() && markers.isEmpty();
        }
    }

    /** A sparkline: a polyline and its peak. */
    public record Sparkline(int width, int height, String points, String title) {
    }

    /** The groups in stacking order, with the pattern that fills them and their label. */
    public static final List<String[]> GROUPS = List.of(
            new String[] {"policy", "url(#p-policy)", "policy (ours to fix)"},
            new String[] {"recipient", "url(#p-recipient)", "recipient"},
            new String[] {"transient", "url(#p-transient)", "transient"},
            new String[] {"other", "url(#p-other)", "other"});

    /** The daily chart of a window's days. */
    public static DailyChart daily(List<Day> days) {
        List<Bar> bars = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Label> grid = new ArrayList<>();
        if (days.isEmpty()) {
            return new DailyChart(WIDTH, HEIGHT, bars, "", markers, labels, grid, "no outbound mail in this window");
        }
        long max = 1;
        for (Day d : days) {
            max = Math.max(max, d.policy() + d.recipient() + d.transientGroup() + d.other());
        }
        long top = niceCeiling(max);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        double slot = plotW / days.size();
        double barW = Math.max(2, slot * 0.7);
        StringBuilder points = new StringBuilder();
        int every = Math.max(1, (int) Math.ceil(days.size() / 10.0));
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            double x = LEFT + i * slot + (slot - barW) / 2;
            long[] values = {d.policy(), d.recipient(), d.transientGroup(), d.other()};
            double base = TOP + plotH;
            for (int g = 0; g < values.length; g++) {
                if (values[g] == 0) {
                    continue;
                }
                double h = plotH * values[g] / top;
                base -= h;
                bars.add(new Bar(f(x), f(base), f(barW), f(h), GROUPS.get(g)[1],
                        d.day() + ": " + values[g] + " recipients refused, " + GROUPS.get(g)[2]));
            }
            double cx = LEFT + i * slot + slot / 2;
            double cy = TOP + plotH * (1 - d.blockRate());
            points.append(points.length() == 0 ? "" : " ").append(f(cx)).append(',').append(f(cy));
            markers.add(new Marker(f(cx - 3), f(cy - 3), d.day() + ": block rate " + Cells.percent(d.blockRate())
                    + " (" + d.blocked() + " of " + d.recipients() + " recipients)"));
            if (i % every == 0) {
                labels.add(new Label(f(cx), String.valueOf(HEIGHT - BOTTOM + 16), d.day().toString().substring(5),
                        "middle"));
            }
        }
        for (int t = 0; t <= 4; t++) {
            double y = TOP + plotH - plotH * t / 4;
            grid.add(new Label(f(LEFT), f(y), String.valueOf(top * t / 4), "end"));
            labels.add(new Label(f(WIDTH - RIGHT + 4), f(y + 4), (25 * t) + "%", "start"));
            labels.add(new Label(f(LEFT - 4), f(y + 4), String.valueOf(top * t / 4), "end"));
        }
        String summary = "Refused recipients per day by group (bars, left axis) and block rate (line, right axis), "
                + days.get(0).day() + " to " + days.get(days.size() - 1).day();
        return new DailyChart(WIDTH, HEIGHT, bars, points.toString(), markers, labels, grid, summary);
    }

    /** A sparkline of daily values. */
    public static Sparkline sparkline(List<Long> values, List<java.time.LocalDate> days) {
        int w = 120;
        int h = 24;
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = values.size() == 1 ? w / 2.0 : 1 + (w - 2) * i / (double) (values.size() - 1);
            double y = h - 2 - (h - 4) * values.get(i) / (double) max;
            points.append(points.length() == 0 ? "" : " ").append(f(x)).append(',').append(f(y));
        }
        String title = days.isEmpty() ? "" : "blocked recipients per day, " + days.get(0) + " to "
                + days.get(days.size() - 1) + ": " + values.stream().map(String::valueOf)
                        .reduce((a, b) -> a + " " + b).orElse("");
        return new Sparkline(w, h, points.toString(), title);
    }

    /** A top that is 4 times a round step (1-5 times a power of ten), so that the grid lines fall on whole numbers. */
    private static long niceCeiling(long max) {
        long quarter = Math.max(1, (max + 3) / 4);
        for (long power = 1; ; power *= 10) {
            for (long m = 1; m <= 5; m++) {
                if (m * power >= quarter) {
                    return 4 * m * power;
                }
            }
        }
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
