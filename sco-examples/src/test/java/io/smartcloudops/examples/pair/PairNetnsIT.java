package io.smartcloudops.examples.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code scripts/pair-netns.sh}: sco-monitor.jar and sco-app.jar in two network namespaces
 * joined by a veth pair, with real Prometheus and Node Exporters; a service on the app host is
 * killed and must be detected, restarted by the app host at the monitor's request, verified and
 * audited on both sides; then sco-app is upgraded with deploy/sco/rolling-upgrade.sh, a new jar
 * staying and a broken one rolled back. Skipped, saying why, where the machine does not allow
 * namespaces.
 */
class PairNetnsIT {
    private static final Pattern RESULT = Pattern.compile("^PAIR RESULT (\\S+)(.*)$", Pattern.MULTILINE);

    @Test
    void aKilledAppServiceIsDetectedRestartedByTheAppHostVerifiedAndAudited() throws Exception {
        Path repo = Path.of(System.getProperty("sco.repo.dir", ".."));
        Path script = repo.resolve("scripts/pair-netns.sh");
        Path log = Path.of("target", "pair-netns.log");
        Process p = new ProcessBuilder(
                        "bash",
                        script.toString(),
                        "--monitor-jar",
                        Path.of("target/sco-monitor.jar").toAbsolutePath().toString(),
                        "--app-jar",
                        Path.of("target/sco-app.jar").toAbsolutePath().toString(),
                        "--timeout",
                        "120")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroy(); // TERM: the script's trap removes the namespaces
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the pair did not finish in 6 minutes; see " + log.toAbsolutePath());
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Assumptions.assumeFalse(p.exitValue() == 77, () -> "pair-netns.sh cannot run here: " + lastLines(out, 1));
        assertThat(p.exitValue()).as(lastLines(out, 40)).isZero();

        Matcher m = RESULT.matcher(out);
        assertThat(m.find()).as("a result line").isTrue();
        assertThat(m.group(1)).isEqualTo("ok");
        Map<String, Long> figures = figures(m.group(2));
        assertThat(figures).containsKeys("detect_ms", "recover_ms", "verified_ms", "upgrade_ms", "rollback_ms");
        assertThat(figures.get("detect_ms")).as("detected after the fault").isPositive();
        assertThat(figures.get("recover_ms")).isGreaterThanOrEqualTo(figures.get("detect_ms"));
        assertThat(out).contains("audit chain intact").contains("UPGRADE rolled-back");
        Files.writeString(Path.of("target", "pair-netns-result.txt"), m.group(0) + "\n");
        System.out.println(m.group(0));
    }

    private static Map<String, Long> figures(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher f = Pattern.compile("(\\w+)=(-?\\d+)").matcher(text);
        while (f.find()) {
            out.put(f.group(1), Long.parseLong(f.group(2)));
        }
        return out;
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
