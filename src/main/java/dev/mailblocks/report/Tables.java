package dev.mailblocks.report;

import static dev.mailblocks.report.Column.Kind.ADDRESS;
import static dev.mailblocks.report.Column.Kind.COUNT;
import static dev.mailblocks.report.Column.Kind.KEY;
import static dev.mailblocks.report.Column.Kind.RATE;
import static dev.mailblocks.report.Column.Kind.TEXT;
import static dev.mailblocks.report.Column.Kind.TIME;

import dev.mailblocks.store.ReportRows.BlockingDomain;
import dev.mailblocks.store.ReportRows.ErrorPattern;
import dev.mailblocks.store.ReportRows.Event;
import dev.mailblocks.store.ReportRows.GroupCount;
import dev.mailblocks.store.ReportRows.IncomingRefusal;
import dev.mailblocks.store.ReportRows.InputFile;
import dev.mailblocks.store.ReportRows.MalformedLine;
import dev.mailblocks.store.ReportRows.SendingView;
import dev.mailblocks.store.ReportRows.Suppression;
import dev.mailblocks.store.ReportRows.Unclassified;
import dev.mailblocks.report.Views.DomainChange;
import dev.mailblocks.report.Views.ProviderView;
import java.util.List;

/**
 * Every report table, described once. The CSV files, {@code report.json} and the HTML tables
 * are rendered from these descriptions; adding a column is one line here (and a field in the
 * store's row if the value is new).
 */
public final class Tables {

    public static final TableSpec<BlockingDomain> BLOCKING_DOMAINS = new TableSpec<>("blocking-domains",
            "Blocking domains", List.of(
                Column.of("domain", KEY, BlockingDomain::domain),
                Column.of("blocked", COUNT, BlockingDomain::blocked),
                Column.of("recipients", COUNT, BlockingDomain::recipients),
                Column.of("block_rate", RATE, BlockingDomain::blockRate),
                Column.of("provider", KEY, BlockingDomain::provider),
                Column.of("delivered", COUNT, BlockingDomain::delivered),
                new Column<>("still_deferred", "still deferred", COUNT, BlockingDomain::deferred),
                Column.of("bounced", COUNT, BlockingDomain::bounced),
                Column.of("expired", COUNT, BlockingDomain::expired),
                Column.of("attempts", COUNT, BlockingDomain::attempts),
                Column.of("policy_refusals", COUNT, BlockingDomain::refusals),
                Column.of("top_category", KEY, BlockingDomain::topCategory),
                Column.of("top_pattern", KEY, BlockingDomain::topPattern),
                Column.of("first_blocked", TIME, BlockingDomain::firstSeen),
                Column.of("last_blocked", TIME, BlockingDomain::lastSeen),
                Column.of("example_codes", KEY, BlockingDomain::exampleCodes),
                Column.of("example", TEXT, BlockingDomain::example)));

    public static final TableSpec<ErrorPattern> ERROR_PATTERNS = new TableSpec<>("error-patterns",
            "Error patterns (outbound)", List.of(
                Column.of("pattern_id", KEY, ErrorPattern::patternId),
                Column.of("category", KEY, ErrorPattern::category),
                Column.of("group", KEY, ErrorPattern::group),
                Column.of("recipients", COUNT, ErrorPattern::recipients),
                Column.of("attempts", COUNT, ErrorPattern::attempts),
                Column.of("domains", COUNT, ErrorPattern::domains),
                Column.of("first_seen", TIME, ErrorPattern::firstSeen),
                Column.of("last_seen", TIME, ErrorPattern::lastSeen),
                Column.of("example_codes", KEY, ErrorPattern::exampleCodes),
                Column.of("example", TEXT, ErrorPattern::example)));

    public static final TableSpec<Unclassified> UNCLASSIFIED = new TableSpec<>("unclassified",
            "Unclassified templates", List.of(
                Column.of("direction", KEY, Unclassified::direction),
                Column.of("template", TEXT, Unclassified::template),
                Column.of("attempts", COUNT, Unclassified::attempts),
                Column.of("domains", COUNT, Unclassified::domains),
                Column.of("example_codes", KEY, Unclassified::exampleCodes),
                Column.of("example", TEXT, Unclassified::example)));

    public static final TableSpec<Event> EVENTS = new TableSpec<>("events", "Refusal events", List.of(
            Column.of("time", TIME, Event::time),
            Column.of("direction", KEY, Event::direction),
            Column.of("source_format", KEY, Event::sourceFormat),
            Column.of("file", KEY, Event::file),
            Column.of("line", COUNT, Event::line),
            Column.of("outcome", KEY, Event::outcome),
            Column.of("sender", ADDRESS, Event::sender),
            Column.of("recipient", ADDRESS, Event::recipient),
            Column.of("recipient_domain", KEY, Event::recipientDomain),
            Column.of("remote_host", KEY, Event::remoteHost),
            Column.of("remote_ip", KEY, Event::remoteIp),
            Column.of("reply_code", COUNT, Event::replyCode),
            Column.of("enhanced_status", KEY, Event::enhancedStatus),
            Column.of("category", KEY, Event::category),
            Column.of("group", KEY, Event::group),
            Column.of("pattern_id", KEY, Event::patternId),
            Column.of("provider", KEY, Event::provider),
            Column.of("message", TEXT, Event::message)));

    public static final TableSpec<InputFile> INPUTS = new TableSpec<>("inputs", "Inputs: every line accounted for",
            List.of(
                Column.of("file", KEY, InputFile::file),
                Column.of("format", KEY, InputFile::format),
                Column.of("lines", COUNT, InputFile::lines),
                new Column<>("lines_with_events", "lines with events", COUNT, InputFile::eventLines),
                new Column<>("events", "events read", COUNT, InputFile::events),
                new Column<>("ignored_lines", "ignored lines", COUNT, InputFile::ignored),
                new Column<>("malformed_lines", "malformed lines", COUNT, InputFile::malformed)));

    public static final TableSpec<GroupCount> GROUPS = new TableSpec<>("refusals-by-group",
            "Outbound refusals by group", List.of(
                Column.of("group", KEY, GroupCount::group),
                new Column<>("recipients", "recipients refused", COUNT, GroupCount::recipients),
                new Column<>("attempts", "refusals logged", COUNT, GroupCount::attempts)));

    public static final TableSpec<IncomingRefusal> INCOMING = new TableSpec<>("incoming", "Incoming mail we refused",
            List.of(
                Column.of("category", KEY, IncomingRefusal::category),
                Column.of("pattern_id", KEY, IncomingRefusal::patternId),
                Column.of("attempts", COUNT, IncomingRefusal::attempts),
                Column.of("clients", COUNT, IncomingRefusal::clients),
                Column.of("example", TEXT, IncomingRefusal::example)));

    public static final TableSpec<ProviderView> PROVIDERS = new TableSpec<>("by-provider",
            "By provider (MX hosts)", List.of(
                Column.of("provider", KEY, ProviderView::provider),
                Column.of("domains", COUNT, ProviderView::domains),
                Column.of("blocking_domains", COUNT, ProviderView::blockingDomains),
                Column.of("recipients", COUNT, ProviderView::recipients),
                Column.of("delivered", COUNT, ProviderView::delivered),
                Column.of("blocked", COUNT, ProviderView::blocked),
                Column.of("block_rate", RATE, ProviderView::blockRate)));

    public static final TableSpec<SendingView> SENDING_IPS = sending("by-sending-ip",
            "By sending IP (as quoted in refusals)", "sending_ip");

    public static final TableSpec<SendingView> SENDER_DOMAINS = sending("by-sender-domain", "By sender domain",
            "sender_domain");

    public static final TableSpec<DomainChange> CHANGES = new TableSpec<>("domain-changes",
            "New and resolved blocking domains", List.of(
                Column.of("domain", KEY, DomainChange::domain),
                Column.of("status", KEY, DomainChange::status),
                new Column<>("blocked_before", "blocked (previous window)", COUNT, DomainChange::blockedBefore),
                new Column<>("blocked_now", "blocked (this window)", COUNT, DomainChange::blockedNow),
                new Column<>("delivered_now", "delivered (this window)", COUNT, DomainChange::deliveredNow),
                Column.of("provider", KEY, DomainChange::provider)));

    public static final TableSpec<Suppression> SUPPRESSIONS = new TableSpec<>("suppressions", "Suppression list",
            List.of(
                Column.of("recipient", KEY, Suppression::recipient),
                Column.of("domain", KEY, Suppression::domain),
                Column.of("category", KEY, Suppression::category),
                Column.of("codes", KEY, Suppression::codes),
                Column.of("last_failed", TIME, Suppression::lastFailed),
                Column.of("failures", COUNT, Suppression::failures),
                Column.of("pattern_id", KEY, Suppression::patternId),
                Column.of("evidence", TEXT, Suppression::message)));

    public static final TableSpec<MalformedLine> MALFORMED = new TableSpec<>("malformed", "First malformed lines",
            List.of(
                Column.of("file", KEY, MalformedLine::file),
                Column.of("line", COUNT, MalformedLine::line),
                Column.of("reason", KEY, MalformedLine::reason),
                Column.of("text", TEXT, MalformedLine::text)));

    private Tables() {
    }

    private static TableSpec<SendingView> sending(String id, String title, String key) {
        return new TableSpec<>(id, title, List.of(
                Column.of(key, KEY, SendingView::key),
                Column.of("recipients", COUNT, SendingView::recipients),
                Column.of("delivered", COUNT, SendingView::delivered),
                Column.of("blocked", COUNT, SendingView::blocked),
                Column.of("block_rate", RATE, SendingView::blockRate),
                new Column<>("blocking_domains", "blocking domains", COUNT, SendingView::domains),
                Column.of("top_category", KEY, SendingView::topCategory)));
    }
}
