package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The GitHub workflows: every {@code uses:} is pinned to a full commit SHA with the release it is
 * named in a comment (a tag or branch can be moved to other code under the same name), and the
 * release workflow does what a version tag should: build and test, deploy the Maven artifacts to
 * the staging repository named by secrets, push the three images to GHCR.
 */
class ReleaseWorkflowTest {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Path WORKFLOWS = REPO.resolve(".github/workflows");
    private static final Pattern PINNED =
            Pattern.compile("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$");
    private static final Pattern USES_LINE = Pattern.compile("(?m)^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");

    @Test
    void everyActionIsPinnedToACommitShaWithItsVersionNamed() throws IOException {
        List<Path> files = workflows();
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("ci.yml", "release.yml");
        List<String> problems = new ArrayList<>();
        int uses = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            List<String> parsed = new ArrayList<>();
            collectUses(new Yaml().load(text), parsed);
            Matcher m = USES_LINE.matcher(text);
            List<String> lines = new ArrayList<>();
            while (m.find()) {
                lines.add(m.group(1));
                uses++;
                String ref = m.group(1);
                if (ref.startsWith("./")) {
                    continue; // an action of this repository: pinned by the commit itself
                }
                if (!PINNED.matcher(ref).matches()) {
                    problems.add(f.getFileName() + ": uses " + ref + " is not pinned to a 40-hex commit SHA");
                } else if (!m.group(2).matches("\\s+#\\s*v\\d+(\\.\\d+)*.*")) {
                    problems.add(f.getFileName() + ": uses " + ref + " has no '# vX.Y.Z' comment naming the release");
                }
            }
            assertThat(lines)
                    .as("uses: lines of %s as YAML reads them", f.getFileName())
                    .containsExactlyInAnyOrderElementsOf(parsed);
        }
        assertThat(uses).isGreaterThanOrEqualTo(8);
        assertThat(problems).isEmpty();
    }

    @Test
    void theShaCheckRejectsTagsBranchesAndShortShas() {
        assertThat(PINNED.matcher("actions/checkout@v4").matches()).isFalse();
        assertThat(PINNED.matcher("actions/checkout@main").matches()).isFalse();
        assertThat(PINNED.matcher("actions/checkout@11bd719").matches()).isFalse();
        assertThat(PINNED.matcher("actions/checkout@11BD71901BBE5B1630CEEA73D27597364C9AF683")
                        .matches())
                .isFalse();
        assertThat(PINNED.matcher("github/codeql-action/init@11bd71901bbe5b1630ceea73d27597364c9af683")
                        .matches())
                .isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVersionTagBuildsTestsDeploysToStagingAndPushesTheThreeImages() throws IOException {
        String text = Files.readString(WORKFLOWS.resolve("release.yml"));
        Map<Object, Object> wf = new Yaml().load(text);
        // YAML 1.1 reads the key `on` as true
        Map<String, Object> on = (Map<String, Object>) (wf.containsKey("on") ? wf.get("on") : wf.get(true));
        assertThat(on).containsOnlyKeys("push");
        assertThat((Map<String, Object>) on.get("push"))
                .containsEntry("tags", List.of("v*"))
                .doesNotContainKey("branches");
        assertThat((Map<String, Object>) wf.get("permissions")).containsEntry("contents", "read");

        Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) wf.get("jobs");
        List<Map<String, Object>> maven =
                (List<Map<String, Object>>) jobs.get("maven").get("steps");
        List<String> runs =
                maven.stream().map(s -> String.valueOf(s.get("run"))).toList();
        int verify = indexOf(runs, "mvn -B verify");
        int deploy = indexOf(runs, "mvn -B deploy");
        assertThat(verify).as("mvn -B verify").isNotNegative();
        assertThat(deploy).as("deploy after the tests pass").isGreaterThan(verify);
        assertThat(runs.get(deploy)).contains("-Dsco.release.url=\"$SCO_STAGING_URL\"");
        assertThat((Map<String, String>) maven.get(deploy).get("env"))
                .containsEntry("SCO_STAGING_URL", "${{ secrets.SCO_STAGING_URL }}")
                .containsEntry("SCO_STAGING_USERNAME", "${{ secrets.SCO_STAGING_USERNAME }}")
                .containsEntry("SCO_STAGING_PASSWORD", "${{ secrets.SCO_STAGING_PASSWORD }}");
        Map<String, Object> java = (Map<String, Object>) maven.stream()
                .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@"))
                .findFirst()
                .orElseThrow()
                .get("with");
        assertThat(java)
                .as("the server id of the pom's distributionManagement")
                .containsEntry("server-id", "sco-staging")
                .containsEntry("java-version", "17");
        assertThat(Files.readString(REPO.resolve("pom.xml")))
                .contains("<id>sco-staging</id><url>${sco.release.url}</url>");

        Map<String, Object> images = jobs.get("images");
        assertThat(images.get("needs")).isEqualTo("maven");
        assertThat((Map<String, Object>) images.get("permissions")).containsEntry("packages", "write");
        List<String> targets = (List<String>)
                ((Map<String, Object>) ((Map<String, Object>) images.get("strategy")).get("matrix")).get("target");
        assertThat(targets).containsExactlyInAnyOrder("agent", "monitor", "app");
        assertThat(Dockerfile.read(REPO.resolve("sco-examples/Dockerfile")).stages())
                .containsKeys(targets.toArray(String[]::new));
        Map<String, Object> push = (Map<String, Object>) ((List<Map<String, Object>>) images.get("steps"))
                .stream()
                        .filter(s -> String.valueOf(s.get("uses")).startsWith("docker/build-push-action@"))
                        .findFirst()
                        .orElseThrow()
                        .get("with");
        assertThat(push)
                .containsEntry("file", "sco-examples/Dockerfile")
                .containsEntry("target", "${{ matrix.target }}")
                .containsEntry("push", true);
        assertThat(text).contains("registry: ghcr.io").contains("image=ghcr.io/$owner/sco-${{ matrix.target }}");
    }

    private static int indexOf(List<String> runs, String command) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).startsWith(command)) {
                return i;
            }
        }
        return -1;
    }

    private static void collectUses(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("uses".equals(k) && v instanceof String s) {
                    out.add(s);
                } else {
                    collectUses(v, out);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectUses(v, out));
        }
    }

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> s = Files.list(WORKFLOWS)) {
            return s.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList();
        }
    }
}
