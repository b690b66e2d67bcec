package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlotNormalisationTest {

    private static Object slot(String text, String key) {
        return SlotExtractor.extract(text).get(key);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "over the last 24h | P1D",
                "in the past 24 hours | P1D",
                "for a day | P1D",
                "over the next week | P7D",
                "past 2 weeks | P14D",
                "next 48 hours | P2D",
                "last 90 min | PT1H30M",
                "for 1h30m | PT1H30M",
                "1 hour and 30 minutes | PT1H30M",
                "past 30m | PT30M",
                "for half an hour | PT30M",
                "last hour | PT1H",
                "past day | P1D",
                "next 36 hours | PT36H",
                "for an hour | PT1H",
                "two days | P2D",
                "for 1.5 hours | PT1H30M",
                "nxt 6h | PT6H"
            })
    void spansBecomeCanonicalIso8601(String text, String iso) {
        assertThat(slot(text, SlotExtractor.SPAN)).isEqualTo(iso);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "overnight",
                "lately",
                "last night",
                "over the weekend",
                "p99 latency",
                "resize to m5.xlarge",
                "what happened on mon-1",
                "approve act-1187",
                "add 2 more workers",
                "last 50 lines"
            })
    void vagueOrNonTimeTextHasNoSpan(String text) {
        assertThat(slot(text, SlotExtractor.SPAN)).isNull();
    }

    @Test
    void isoFormatUsesDaysOnlyForWholeDays() {
        assertThat(DurationPhrase.iso(Duration.ofHours(24))).isEqualTo("P1D");
        assertThat(DurationPhrase.iso(Duration.ofHours(25))).isEqualTo("PT25H");
        assertThat(DurationPhrase.iso(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
        assertThat(DurationPhrase.iso(Duration.ofDays(14))).isEqualTo("P14D");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "add three more api replicas | 3",
                "spin up another api node | 1",
                "we need an additional nginx instance | 1",
                "scale the worker out to 8 | 8",
                "scale up the api to 3 replicas | 3",
                "add 2 more worker instances | 2",
                "bump the api to five replicas | 5",
                "add a couple of workers | 2",
                "one more worker please | 1"
            })
    void replicasAreTheNumberStatedIncludingWords(String text, int replicas) {
        assertThat(slot(text, SlotExtractor.REPLICAS)).isEqualTo(replicas);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "on mon-1 | monitor",
                "the monitoring box | monitor",
                "on the monitor host | monitor",
                "on mon1 | monitor",
                "on app-1 | app",
                "the app host | app",
                "the app box | app",
                "the web box | app",
                "cpu on app | app"
            })
    void hostAliasesMapToMonitorOrApp(String text, String host) {
        assertThat(slot(text, SlotExtractor.HOST)).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "restart the java service | api",
                "flush the cache | redis",
                "node exporter logs | node_exporter",
                "the database | postgres",
                "postgresql | postgres",
                "grafana on mon-1 | grafana",
                "the background workers | worker"
            })
    void serviceAliasesMapToCanonicalNames(String text, String service) {
        assertThat(slot(text, SlotExtractor.SERVICE)).isEqualTo(service);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "5xx rate | error_rate", "error rate of nginx | error_rate", "req/s | request_rate",
                        "requests per second | request_rate",
                "p95 for the api | latency", "p99 latency | latency", "inbound network traffic | network_in",
                        "egress | network_out",
                "load average | load_average", "ram usage | memory", "disk space left | disk", "cpu load | cpu"
            })
    void metricPhrasesMapToCanonicalMetrics(String text, String metric) {
        assertThat(slot(text, SlotExtractor.METRIC)).isEqualTo(metric);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "silence highcpuusage | HighCpuUsage", "the redis down alert | RedisDown",
                        "snooze DiskSpaceLow | DiskSpaceLow",
                "low disk space alert | DiskSpaceLow", "mute high error rate | HighErrorRate",
                        "instance down | InstanceDown",
                "worker backlog | WorkerBacklog", "the ApiDown alert | ApiDown"
            })
    void alertMentionsMapToCatalogueNames(String text, String alert) {
        assertThat(slot(text, SlotExtractor.ALERT)).isEqualTo(alert);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "approve #77 | 77",
                "go ahead with act-1187 | act-1187",
                "explain anomaly 4471 | 4471",
                "why was an-208 raised | an-208",
                "reject action 43 | 43",
                "approve ACT-9 | act-9"
            })
    void identifiersAreLowercaseWithoutHash(String text, String id) {
        assertThat(slot(text, SlotExtractor.ID)).isEqualTo(id);
    }

    @Test
    void hostNamesAndDurationsAreNotIdentifiers() {
        assertThat(slot("restart nginx on app-1", SlotExtractor.ID)).isNull();
        assertThat(slot("ping mon-1", SlotExtractor.ID)).isNull();
        assertThat(slot("approve it within 5 minutes", SlotExtractor.ID)).isNull();
    }

    @Test
    void readsLinesLevelsSeveritiesAndInstanceTypes() {
        assertThat(slot("last 50 lines of the api log", SlotExtractor.LINES)).isEqualTo(50);
        assertThat(slot("tail -n 30 nginx", SlotExtractor.LINES)).isEqualTo(30);
        assertThat(slot("postgres error logs", SlotExtractor.LEVEL)).isEqualTo("error");
        assertThat(slot("warning logs for the worker", SlotExtractor.LEVEL)).isEqualTo("warn");
        assertThat(slot("error rate of nginx", SlotExtractor.LEVEL)).isNull();
        assertThat(slot("crit alerts?", SlotExtractor.SEVERITY)).isEqualTo("critical");
        assertThat(slot("warning-level alerts", SlotExtractor.SEVERITY)).isEqualTo("warning");
        assertThat(slot("upgrade the app host to an m5.xlarge", SlotExtractor.INSTANCE_TYPE))
                .isEqualTo("m5.xlarge");
        assertThat(slot("resize to c6gn.16xlarge", SlotExtractor.INSTANCE_TYPE)).isEqualTo("c6gn.16xlarge");
    }

    @Test
    void policyKeepsOnlyTheSlotsOfTheIntent() {
        Map<String, Object> m = SlotExtractor.extract("silence HighCpuUsage on app-1 for nginx for 2h");
        assertThat(SlotPolicy.slotsFor(Intent.SILENCE, m))
                .isEqualTo(Map.of("alert", "HighCpuUsage", "duration", "PT2H"));
        assertThat(SlotPolicy.slotsFor(Intent.STATUS, m)).isEmpty();
        assertThat(SlotPolicy.slotsFor(Intent.HELP, m)).isEmpty();
        Map<String, Object> scale = SlotExtractor.extract("upgrade the app host to an m5.xlarge");
        assertThat(SlotPolicy.slotsFor(Intent.SCALE_UP, scale)).isEqualTo(Map.of("instance_type", "m5.xlarge"));
        Map<String, Object> forecast = SlotExtractor.extract("cpu for the next 6h");
        assertThat(SlotPolicy.slotsFor(Intent.FORECAST, forecast)).containsEntry("horizon", "PT6H");
        assertThat(SlotPolicy.slotsFor(Intent.METRIC_QUERY, forecast)).containsEntry("range", "PT6H");
        Map<String, Object> id = SlotExtractor.extract("explain an-208");
        assertThat(SlotPolicy.slotsFor(Intent.EXPLAIN_ANOMALY, id)).containsEntry("anomaly_id", "an-208");
        assertThat(SlotPolicy.slotsFor(Intent.APPROVE, SlotExtractor.extract("approve #77")))
                .containsEntry("action_id", "77");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "info logs prometheus last 100 | 100",
                "last 50 nginx logs | 50",
                "nginx logs, latest 20 please | 20"
            })
    void lastNWithoutUnitAfterLogsIsALineCount(String text, int lines) {
        assertThat(slot(text, SlotExtractor.LINES)).isEqualTo(lines);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nginx logs from the last 30 minutes", "logs for the last 2 days", "last 24h of api logs"})
    void lastNWithATimeUnitIsNoLineCount(String text) {
        assertThat(slot(text, SlotExtractor.LINES)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ship 412 | approve | action_id | 412",
                "hold off on 9031 | deny | action_id | 9031",
                "123 is fine, go ahead | approve | action_id | 123",
                "the grafana logs 75 | logs | lines | 75",
                "worker logs thirty please | logs | lines | 30",
                "pg logs a hundred | logs | lines | 100"
            })
    void aBareNumberFillsTheOneNumberSlotOfItsIntent(String text, String intent, String slot, String value) {
        Map<String, Object> slots =
                SlotPolicy.slotsFor(Intent.fromLabel(intent).orElseThrow(), SlotExtractor.extract(text));
        assertThat(slots.get(slot)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "logs for the last 30 min",
                "logs on mon-1",
                "logs since 5%",
                "logs from 3 replicas",
                "logs 20 and 40",
                "show p99 logs",
                "logs for this one",
                "logs of c5.2xlarge"
            })
    void aNumberWithAUnitARoleOrARivalIsNoLineCount(String text) {
        assertThat(SlotPolicy.slotsFor(Intent.LOGS, SlotExtractor.extract(text)))
                .doesNotContainKey(SlotExtractor.LINES);
    }

    @Test
    void aBareNumberIsNoSlotOfAnIntentWithoutANumberSlot() {
        assertThat(SlotPolicy.slotsFor(Intent.METRIC_QUERY, SlotExtractor.extract("cpu on app 42")))
                .doesNotContainKey(SlotPolicy.ACTION_ID)
                .doesNotContainKey(SlotExtractor.LINES);
        assertThat(SlotPolicy.slotsFor(Intent.APPROVE, SlotExtractor.extract("approve twenty")))
                .doesNotContainKey(SlotPolicy.ACTION_ID);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "is the web server up | service | nginx",
                "logs for the webserver | service | nginx",
                "cpu on the web box | host | app",
                "latency of the web host | host | app"
            })
    void theWebServerIsNginxAndTheWebBoxIsItsHost(String text, String key, String value) {
        Map<String, Object> m = SlotExtractor.extract(text);
        assertThat(m.get(key)).isEqualTo(value);
        assertThat(m).doesNotContainKey(SlotExtractor.SERVICE.equals(key) ? SlotExtractor.HOST : SlotExtractor.SERVICE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "how is the traffic on grafana | request_rate",
                "traffic for postgres over the week | request_rate",
                "inbound traffic to the app | network_in",
                "outgoing traffic from mon-1 | network_out",
                "egress traffic on app-1 | network_out"
            })
    void trafficIsTheRequestRateUnlessItHasADirection(String text, String metric) {
        assertThat(slot(text, SlotExtractor.METRIC)).isEqualTo(metric);
    }
}
