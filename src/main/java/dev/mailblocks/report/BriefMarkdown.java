package dev.mailblocks.report;

import dev.mailblocks.store.ReportRows.Count;
import java.util.List;

/** Renders an {@link EscalationBrief} as Markdown; text from logs is escaped so that it shows as written. */
final class BriefMarkdown {

    private BriefMarkdown() {
    }

    static String render(EscalationBrief b) {
        StringBuilder m = new StringBuilder(8192);
        m.append("# Escalation brief: ").append(md(b.domain())).append("\n\n");
        m.append("**Status: ").append(b.status()).append(".** ").append(md(b.statusText())).append("\n\n");
        m.append("Window: ").append(md(b.window())).append(" · generated ").append(b.generated())
                .append(b.provider().isEmpty() ? "" : " · provider (MX hosts): " + md(b.provider()))
                .append(b.redacted() ? " · recipient addresses redacted" : "").append("\n\n");
        if (!b.facts().isEmpty()) {
            m.append("## The refusals\n\n| | |\n|---|---|\n");
            for (String[] f : b.facts()) {
                m.append("| ").append(md(f[0])).append(" | ").append(md(f[1])).append(" |\n");
            }
            m.append('\n');
        }
        if (!b.category().isEmpty()) {
            m.append("## Why, and what to do\n\nCategory **").append(md(b.category())).append("**, catalogue entry `")
                    .append(b.pattern().replace("`", "")).append("`.\n\n");
            if (!b.advice().isEmpty()) {
                m.append(md(b.advice())).append("\n\n");
            }
            for (String u : b.links()) {
                m.append("- <").append(u.replace(">", "%3E").replace(" ", "%20")).append(">\n");
            }
            if (!b.links().isEmpty()) {
                m.append('\n');
            }
        }
        SendingEvidence e = b.evidence();
        if (e.shown()) {
            m.append("## What the DNS says about us: ").append(md(e.title())).append("\n\n");
            if (!e.disagreement().isEmpty()) {
                m.append("**").append(md(e.disagreement())).append("**\n\n");
            }
            if (!e.lines().isEmpty()) {
                m.append("| subject | check | result | detail |\n|---|---|---|---|\n");
                for (SendingEvidence.Line l : e.lines()) {
                    m.append("| ").append(md(l.subject())).append(" | ").append(md(l.check())).append(" | ")
                            .append(md(l.result())).append(" | ").append(md(l.detail())).append(" |\n");
                }
                m.append('\n');
            }
            m.append(md(e.note())).append("\n\n");
        }
        if (!b.sending().isEmpty()) {
            m.append("## Who sent, who refused\n\n| what | value | policy refusals |\n|---|---|---:|\n");
            for (String[] r : b.sending()) {
                m.append("| ").append(r[0]).append(" | ").append(md(r[1])).append(" | ").append(r[2]).append(" |\n");
            }
            m.append('\n');
        }
        if (b.hasDraft()) {
            m.append("## Draft request\n\nTo: ").append(md(b.draftTo())).append("  \nSubject: ").append(md(b.draftSubject()))
                    .append("\n\nFill in every `[[...]]` before sending.\n\n");
            String fence = b.draft().contains("```") ? "~~~~" : "```";
            m.append(fence).append("text\n").append(b.draft()).append(fence).append("\n");
        }
        if (!b.refusals().isEmpty()) {
            m.append("## Refusals as logged\n\n| time (UTC) | queue id | recipient | MX host [IP] | codes | text |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (EscalationBrief.Row r : b.refusals()) {
                m.append("| ").append(md(r.time())).append(" | ").append(md(r.queueId())).append(" | ")
                        .append(md(r.recipient())).append(" | ").append(md(r.mx())).append(" | ").append(md(r.codes()))
                        .append(" | ").append(md(r.text())).append(" |\n");
            }
            if (b.moreRefusals() > 0) {
                m.append("\n").append(b.moreRefusals()).append(" more policy refusals are in events.csv.\n");
            }
            m.append('\n');
        }
        return m.toString();
    }

    /** Markdown-escapes text from a log for a table cell or paragraph. */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if ("\\`*_[]<>|#~!".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c < 32) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String counts(List<Count> counts) {
        return EscalationBrief.join(counts, 10);
    }
}
