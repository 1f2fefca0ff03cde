package dev.mailblocks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.Classifier;
import dev.mailblocks.classify.Diagnostic;
import dev.mailblocks.model.Classification;
import dev.mailblocks.model.Outcome;
import dev.mailblocks.model.SmtpPhase;
import dev.mailblocks.model.SmtpReplyText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies one message and says why. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Classify one refusal text and say why: category, entry, provider, advice.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "the refusal text (words are joined by spaces)")
    List<String> words;

    @Option(names = "--host", paramLabel = "HOST", description = "the remote MX host that answered")
    String host;

    @Option(names = "--phase", paramLabel = "PHASE", description = "SMTP phase: CONNECT, EHLO, MAIL, RCPT, DATA, END-OF-DATA")
    String phase;

    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "the delivery outcome: deferred, bounced, rejected, expired (a final failure can change the answer)")
    String outcome;

    @Option(names = "--json", description = "print JSON for machines")
    boolean json;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Catalogue catalogue = Jobs.catalogue(common.patterns);
        SmtpPhase p = null;
        if (phase != null) {
            try {
                p = SmtpPhase.fromId(phase);
            } catch (IllegalArgumentException e) {
                throw new dev.mailblocks.pipeline.UsageException("--phase " + phase
                        + ": one of CONNECT, EHLO, MAIL, RCPT, DATA, END-OF-DATA");
            }
        }
        Outcome o = null;
        if (outcome != null) {
            try {
                o = Outcome.fromId(outcome);
            } catch (IllegalArgumentException e) {
                throw new dev.mailblocks.pipeline.UsageException("--outcome " + outcome
                        + ": one of deferred, bounced, rejected, expired");
            }
        }
        String text = String.join(" ", words);
        Diagnostic d = Diagnostic.fromText(text, null, null, p, host, o);
        Classifier.Explanation x = new Classifier(catalogue).explain(d);
        Classification c = x.classification();
        String entryId = Classifier.entryId(c.patternId());
        String advice = catalogue.entries().stream().filter(e -> e.id().equals(entryId)).findFirst()
                .map(e -> e.advice()).orElse("");
        String remediation = catalogue.adviceFor(c.category());
        String codes = ((d.reply() == null ? "" : d.reply() + " ") + (d.enhanced() == null ? "" : d.enhanced())).strip();
        String permanence = SmtpReplyText.permanence(codes);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("category", c.category().id());
            m.put("group", c.group().id());
            m.put("pattern_id", c.patternId());
            m.put("provider", c.provider());
            m.put("reply_code", d.reply());
            m.put("enhanced_status", d.enhanced());
            m.put("phase", d.phase() == null ? null : d.phase().id());
            m.put("permanence", permanence);
            m.put("matched", x.winner() == null ? null : x.winner().matched());
            m.put("why", x.why());
            m.put("template", x.template());
            m.put("advice", advice);
            m.put("remediation", remediation);
            List<Map<String, Object>> cands = new ArrayList<>();
            for (Catalogue.Candidate cand : x.candidates()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("id", cand.entry().id());
                cm.put("category", cand.entry().category().id());
                cm.put("priority", cand.entry().priority());
                cm.put("matched", cand.matched());
                cm.put("excluded_by", cand.mismatch());
                cands.add(cm);
            }
            m.put("candidates", cands);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            out.printf("category:  %s (%s)%n", c.category().id(), c.group().id().isEmpty() ? "no group" : c.group().id() + " group");
            out.printf("entry:     %s%n", c.patternId());
            out.printf("provider:  %s%n", c.provider() == null ? "-" : c.provider());
            out.printf("codes:     %s %s%s%n", d.reply() == null ? "-" : d.reply(), d.enhanced() == null ? "-" : d.enhanced(),
                    permanence.isEmpty() ? "" : "  " + permanence);
            out.printf("phase:     %s%n", d.phase() == null ? "-" : d.phase().id());
            out.printf("why:       %s%n", x.why());
            out.printf("template:  %s%n", x.template());
            if (!advice.isEmpty()) {
                out.printf("advice:    %s%n", advice);
            }
            out.printf("what to do: %s%n", remediation);
            catalogue.entries().stream().filter(e -> e.id().equals(entryId)).findFirst()
                    .ifPresent(e -> e.links().forEach(l -> out.printf("see:       %s%n", l)));
            catalogue.providers().byId(c.provider()).filter(prov -> !prov.postmaster().isBlank())
                    .ifPresent(prov -> out.printf("provider:  %s, postmaster page %s%n", prov.name(), prov.postmaster()));
            if (!x.candidates().isEmpty()) {
                out.println("entries whose text matched, best first:");
                for (Catalogue.Candidate cand : x.candidates()) {
                    out.printf("  %s %-40s %-18s prio %3d  matched \"%s\"%s%n",
                            cand == x.winner() ? "*" : " ", cand.entry().id(), cand.entry().category().id(),
                            cand.entry().priority(), cand.matched(),
                            cand.mismatch() == null ? "" : "  (excluded: " + cand.mismatch() + ")");
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
