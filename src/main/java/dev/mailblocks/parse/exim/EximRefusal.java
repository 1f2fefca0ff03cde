package dev.mailblocks.parse.exim;

import dev.mailblocks.model.SmtpPhase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Exim line saying that it refused incoming mail: {@code [temporarily] rejected RCPT <a>: why},
 * {@code rejected after DATA}, {@code rejected MAIL}, {@code rejected EHLO or HELO},
 * {@code rejected connection in "connect" ACL}, {@code rejected by local_scan()}, protocol
 * synchronisation errors. Sender verification lines are not refusals: see {@link #isSenderVerification}.
 *
 * @param clientHost the client's verified host name ({@code H=name ...}), or {@code null} when
 *     Exim only knows the HELO name it gave (in parentheses) or the address
 * @param clientIp the client's address, or {@code null} for local submissions ({@code U=user})
 * @param phase the SMTP step refused, or {@code null} when not a step of the dialogue
 * @param diagnostic the reason Exim gave, or the refusal itself when it gave none
 */
record EximRefusal(String sender, String recipient, String clientHost, String clientIp, SmtpPhase phase,
        String diagnostic) {

    private static final Pattern REJECTED = Pattern.compile("(?:^|\\s)(?:temporarily )?rejected "
            + "(RCPT|MAIL|after DATA|DATA|EHLO or HELO|EHLO|HELO|connection|VRFY|EXPN|ETRN|AUTH|STARTTLS|ATRN|BDAT"
            + "|XCLIENT|WELLKNOWN|by local_scan\\(\\)|by non-SMTP ACL|during MIME ACL checks|DKIM|from"
            + "|\"[^\"]*\")(?=[\\s:]|$)");
    private static final Pattern VERIFY =
            Pattern.compile("(?:^|\\s)sender verify (?:fail|defer) for <([^>]*)>");
    private static final Pattern CLIENT = Pattern.compile(
            "(?:^|\\s)(?:H=|from )(?:([^\\s(\\[]+) )?(?:\\(([^)]*)\\) )?\\[([^\\]]+)\\]");
    private static final Pattern FROM = Pattern.compile("(?:^|\\s)F=(?:<([^>]*)>|([^\\s<]\\S*))");
    /** Refusals whose next word is the refused address. */
    private static final java.util.Set<String> COMMANDS_WITH_ADDRESS = java.util.Set.of("RCPT", "MAIL", "from");
    private static final String SYNC_ERROR = "SMTP protocol synchronization error";

    /** Reads a refusal from an entry's body (after any message id), or returns {@code null}. */
    static EximRefusal read(String body) {
        if (!body.contains("rejected ")) {
            return null; // what REJECTED needs: most entries are spared the expression
        }
        Matcher r = REJECTED.matcher(body);
        if (r.find() && refusalStartsTheEntry(body, r.start())) {
            return rejected(body, r);
        }
        return null;
    }

    /**
     * Whether the body is a sender verification result. Exim logs the refusal it causes on a line
     * of its own ({@code rejected RCPT <a>: Sender verify failed}), so counting this line too
     * would count one refusal twice: it is ignored.
     */
    static boolean isSenderVerification(String body) {
        if (!body.contains("sender verify ")) {
            return false;
        }
        Matcher v = VERIFY.matcher(body);
        return v.find() && !body.substring(0, v.start()).contains(": ");
    }

    /**
     * Whether "rejected" is Exim's own word here, not part of some text: before it stand only
     * fields ({@code H=... F=<...>}), or the protocol error that it completes.
     */
    private static boolean refusalStartsTheEntry(String body, int at) {
        String before = body.substring(0, at);
        return !before.contains(": ") || before.startsWith(SYNC_ERROR);
    }

    private static EximRefusal rejected(String body, Matcher r) {
        String what = r.group(1);
        int after = r.end();
        String sender = null;
        String recipient = null;
        String argument = null;
        if (after < body.length() && body.charAt(after) == ' ' && COMMANDS_WITH_ADDRESS.contains(what)) {
            // the address refused: "<a@example.com>", "FROM:<a@example.com>", or bare in older Exim
            // ("rejected RCPT a@example.com: why"); "rejected MAIL from [ip]" names no address
            int start = after + 1;
            if (body.regionMatches(true, start, "FROM:", 0, 5)) {
                start += 5;
            }
            int end = start;
            if (body.startsWith("<", start)) {
                end = body.indexOf('>', start);
                end = end < 0 ? body.length() : end + 1;
                argument = body.substring(start + 1, Math.max(start + 1, end - 1));
            } else {
                while (end < body.length() && body.charAt(end) != ' ' && !body.startsWith(": ", end)) {
                    end++;
                }
                String bare = body.substring(start, end);
                if (bare.endsWith(":")) {
                    bare = bare.substring(0, bare.length() - 1);
                }
                argument = bare.contains("@") ? bare : null;
            }
            if (argument != null) {
                after = end;
            }
        }
        if ("RCPT".equals(what)) {
            recipient = emptyToNull(argument);
        } else if ("MAIL".equals(what) || "from".equals(what)) {
            sender = emptyToNull(argument);
        }
        String refusal = body.substring(r.start()).strip();
        String diagnostic;
        int colon = body.indexOf(": ", after);
        if (body.startsWith(SYNC_ERROR)) {
            diagnostic = body.substring(0, r.start()).strip();
            if (diagnostic.endsWith(":")) {
                diagnostic = diagnostic.substring(0, diagnostic.length() - 1);
            }
        } else if (colon >= 0) {
            diagnostic = body.substring(colon + 2).strip();
        } else {
            diagnostic = refusal;
        }
        if (diagnostic.isEmpty()) {
            diagnostic = refusal;
        }
        return withClient(body, sender, recipient, phaseOf(what), diagnostic);
    }

    private static EximRefusal withClient(String body, String sender, String recipient, SmtpPhase phase,
            String diagnostic) {
        String host = null;
        String ip = null;
        Matcher c = CLIENT.matcher(body);
        if (c.find()) {
            host = emptyToNull(c.group(1));
            ip = c.group(3);
        }
        if (sender == null) {
            Matcher f = FROM.matcher(body);
            if (f.find()) {
                sender = emptyToNull(f.group(1) != null ? f.group(1) : f.group(2));
            }
        }
        return new EximRefusal(sender, recipient, host, ip, phase, diagnostic);
    }

    private static SmtpPhase phaseOf(String what) {
        if (what.startsWith("\"")) {
            // a command sent too early ("MAIL FROM:<a>"): the step it belongs to
            return SmtpPhase.ofCommand(what.substring(1).replace(':', ' '));
        }
        return switch (what) {
            case "after DATA", "by local_scan()", "during MIME ACL checks", "DKIM", "from", "by non-SMTP ACL" ->
                    SmtpPhase.END_OF_DATA;
            case "EHLO or HELO" -> SmtpPhase.EHLO;
            case "connection" -> SmtpPhase.CONNECT;
            default -> SmtpPhase.ofCommand(what);
        };
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
