package io.smartcloudops.chat.internal.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment's nouns and how operators say them: services, hosts, metrics, alert names, log
 * levels and severities, each mapped to its canonical slot value (see shared/chatops/README.md).
 * Patterns run on lower-cased, cleaned text; when several terms of one kind occur, the earliest wins.
 */
final class Vocabulary {

    /** One canonical value and the phrases that name it. */
    record Term(String value, Pattern pattern) {}

    /** Where a term was found. */
    record Found(String value, int start, int end) {}

    static final List<Term> SERVICES = List.of(
            t("node_exporter", "node[ _-]?exporter"),
            // nginx is the deployment's web server: "the web server" names the software, as "the web box" names its
            // host.
            t("nginx", "nginx|(?:reverse )?proxy|load ?balancer|web[ -]?servers?"),
            t("api", "api|java (?:service|app|api|process|backend)|rest (?:api|service)"),
            t("postgres", "postgres(?:ql)?|psql|pg|(?:the )?database|db"),
            t("redis", "redis|(?:the )?cache"),
            t("worker", "workers?|background (?:jobs?|workers?)|job runner"),
            t("prometheus", "prometheus|prom"),
            t("grafana", "grafana"));

    /** Which host runs which service, so a follow-up naming another service does not keep a wrong host. */
    static final Map<String, String> HOST_OF_SERVICE = Map.of(
            "nginx",
            "app",
            "api",
            "app",
            "postgres",
            "app",
            "redis",
            "app",
            "worker",
            "app",
            "node_exporter",
            "app",
            "prometheus",
            "monitor",
            "grafana",
            "monitor");

    static final List<Term> HOSTS = List.of(
            t("monitor", "mon-?1|monitor(?:ing)?(?:[ -](?:box|host|server|node|vm|machine|instance))?"),
            t(
                    "app",
                    "app-?1|(?:app|application)[ -](?:box|host|server|node|vm|machine|instance)"
                            + "|web[ -](?:box|host|node|vm|machine|instance)"
                            + "|(?<=\\b(?:on|for|of|at|to) (?:the )?)app(?!-)"));

    static final List<Term> METRICS = List.of(
            t(
                    "error_rate",
                    "error[ _-]?(?:rate|ratio|percentage)s?|errors? percent(?:age)?|errors? ?%|5xx(?: rate| errors?)?|errors? per (?:second|minute)|failure rate"),
            t(
                    "request_rate",
                    // "Traffic" is the golden signal of a request-serving system, measured as requests per
                    // second; traffic with a direction ("inbound traffic", "traffic out of") is the network's.
                    "request[ _-]?rates?|reqs?(?:uests)?/s(?:ec)?|(?:requests?|reqs?) (?:per|a) (?:second|sec|minute|min)|rps|qps|throughput"
                            + "|traffic"),
            t("latency", "p9[059]|p50|latency|response[ -]times?|(?:50|90|95|99)(?:th)? percentile(?: latency)?"),
            t("load_average", "load[ _-]?av(?:era)?ge?|load avg|loadavg|system load|load"),
            t(
                    "network_in",
                    "(?:inbound|incoming|ingress|received|rx)(?: network)?(?: traffic| bandwidth| bytes| throughput)?|network[ _-]in(?:bound)?|ingress|(?:traffic|bandwidth) in(?:to)?(?= |$)|incoming bandwidth"),
            t(
                    "network_out",
                    "(?:outbound|outgoing|egress|transmitted|sent|tx)(?: network)?(?: traffic| bandwidth| bytes)?|network[ _-]out(?:bound)?|egress|(?:traffic|bandwidth) out(?: of)?(?= |$)|outgoing bandwidth"),
            t("cpu", "cpus?|processor"),
            t("memory", "memory|mem|ram|heap"),
            t("disk", "disks?|storage|file ?system|free space|inodes|out of space"));

    /**
     * "the cpu alert", "the nginx alarm": the catalogue has one alert per metric or service, so the
     * noun names it as surely as the catalogue spelling does.
     */
    private static final String ALERT_NOUN = "[ _-]+(?:alerts?|alarms?|notifications?|pages?)";

    /** The alert-name catalogue; lower-case or spaced mentions map to the catalogue spelling. */
    static final List<Term> ALERTS = List.of(
            t("HighCpuUsage", "high[ _-]*cpu(?:[ _-]*usage)?|cpu(?:[ _-]*usage)?" + ALERT_NOUN),
            t(
                    "HighMemoryUsage",
                    "high[ _-]*mem(?:ory)?(?:[ _-]*usage)?|(?:memory|mem|ram)(?:[ _-]*usage)?" + ALERT_NOUN),
            t(
                    "DiskSpaceLow",
                    "disk[ _-]*space[ _-]*low|low[ _-]*disk(?:[ _-]*space)?|disk(?:[ _-]*(?:space|full|usage))?"
                            + ALERT_NOUN),
            t("HighLatency", "high[ _-]*latency|latency" + ALERT_NOUN),
            t("HighErrorRate", "high[ _-]*error[ _-]*rate|(?:error[ _-]*rate|5xx)" + ALERT_NOUN),
            t("HighLoadAverage", "high[ _-]*load(?:[ _-]*average)?|load(?:[ _-]*average)?" + ALERT_NOUN),
            t("InstanceDown", "(?:instance|host)[ _-]*(?:is[ _-]*)?down"),
            t("NginxDown", "nginx[ _-]*(?:is[ _-]*)?down|nginx" + ALERT_NOUN),
            t("ApiDown", "api[ _-]*(?:is[ _-]*)?down|api" + ALERT_NOUN),
            t("PostgresDown", "postgres(?:ql)?[ _-]*(?:is[ _-]*)?down|postgres(?:ql)?" + ALERT_NOUN),
            t("RedisDown", "redis[ _-]*(?:is[ _-]*)?down|redis" + ALERT_NOUN),
            t("WorkerBacklog", "(?:worker[ _-]*)?backlog"));

    static final List<Term> LEVELS = List.of(
            t(
                    "error",
                    "(?<!5xx )(?:errors?|err|exceptions?|stack ?traces?|fatal)(?![ _-]*(?:rate|ratio|percent|per|%))"),
            t("warn", "warn(?:ing)?s?"),
            t("info", "info"),
            t("debug", "debug"));

    static final List<Term> SEVERITIES = List.of(
            t("critical", "criticals?|crits?|sev[ -]?1"),
            t("warning", "warn(?:ing)?s?|sev[ -]?2"),
            t("info", "infos?|informational|sev[ -]?3"));

    private Vocabulary() {}

    static Optional<Found> first(List<Term> terms, String lower) {
        return all(terms, lower).stream().findFirst();
    }

    /** Every occurrence of any term, in text order. */
    static List<Found> all(List<Term> terms, String lower) {
        List<Found> found = new ArrayList<>();
        for (Term term : terms) {
            Matcher m = term.pattern().matcher(lower);
            while (m.find()) {
                found.add(new Found(term.value(), m.start(), m.end()));
            }
        }
        found.sort(Comparator.comparingInt(Found::start).thenComparing(f -> -(f.end() - f.start())));
        return found;
    }

    private static Term t(String value, String regex) {
        return new Term(value, Pattern.compile("(?<![\\w-])(?:" + regex + ")(?!\\w)"));
    }
}
