package dev.mailblocks.cli;

import dev.mailblocks.check.SendingChecks;
import dev.mailblocks.store.CheckStore;
import java.io.PrintWriter;
import java.util.List;

/** Prints what the sending-side DNS checks found: one line of figures, then each problem. */
final class CheckSummary {

    /** Problems listed one a line; the rest are in sending-checks.csv. */
    private static final int MAX_LINES = 30;

    private CheckSummary() {
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static void print(SendingChecks.Summary s, PrintWriter out) {
        if (s.ips() + s.domains() == 0) {
            out.printf("sending checks: nothing to check%s%n", s.skippedRecent() > 0
                    ? " (" + s.skippedRecent() + " IPs and domains were checked in the last 24 hours)" : "");
            return;
        }
        if (s.unreachable() != null && s.rows().stream().allMatch(r -> CheckStore.NOT_CHECKED.equals(r.result()))) {
            out.printf("sending checks: not checked: %s; %s and %s marked 'not checked', the run goes on%n",
                    s.unreachable(), count(s.ips(), "IP"), count(s.domains(), "domain"));
            return;
        }
        List<CheckStore.Row> problems = s.problems();
        out.printf("sending checks: %s, %s, %d checks via %s (%d queries): %s, %d not checked%s%n",
                count(s.ips(), "IP"), count(s.domains(), "domain"), s.rows().size(), s.server(), s.queries(),
                count(problems.size(), "problem"), s.notChecked(),
                s.skippedRecent() > 0 ? "; " + s.skippedRecent() + " checked in the last 24 hours were left alone" : "");
        for (CheckStore.Row r : problems.subList(0, Math.min(MAX_LINES, problems.size()))) {
            out.printf("  %s %s: %s: %s%n", r.subject(), r.check(), r.result(), r.detail());
        }
        if (problems.size() > MAX_LINES) {
            out.printf("  ... and %d more in sending-checks.csv%n", problems.size() - MAX_LINES);
        }
        if (s.unreachable() != null) {
            out.printf("  DNS stopped answering (%s): the checks after that say 'not checked'%n", s.unreachable());
        }
    }
}
