package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.examples.deploy.Dockerfile.Instruction;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sco-examples/Dockerfile, read statically (no Docker daemon runs in the build): one target per
 * host kind, each non-root, with the data volume, the jar the Maven build shades, and a health
 * check and command line that follow $SCO_PORT; and a .dockerignore that keeps build output, git
 * history, agents' data and databases out of the context the {@code COPY . .} sends.
 */
class DockerImagesTest {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Dockerfile DOCKERFILE = Dockerfile.read(REPO.resolve("sco-examples/Dockerfile"));

    @ParameterizedTest
    @ValueSource(strings = {"agent", "monitor", "app"})
    void eachHostImageRunsItsShadedJarAsNonRootWithTheDataVolume(String target) throws IOException {
        assertThat(DOCKERFILE.stages()).containsKey(target);
        String jar = "sco-" + target + ".jar";
        assertThat(Files.readString(REPO.resolve("sco-examples/pom.xml")))
                .as("the Maven build shades " + jar)
                .contains("<outputFile>${project.build.directory}/" + jar + "</outputFile>");
        assertThat(DOCKERFILE.effective("build"))
                .as("the build stage packages the jar")
                .anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("sco-examples/target/" + jar));
        assertThat(DOCKERFILE.env(target)).containsEntry("SCO_JAR", "/opt/sco/" + jar);
        assertThat(DOCKERFILE.effective(target))
                .as("the image copies " + jar + " from the build stage")
                .anyMatch(i -> i.keyword().equals("COPY")
                        && i.args().startsWith("--from=build")
                        && i.args().endsWith("/opt/sco/" + jar));

        String user = DOCKERFILE
                .last(target, "USER")
                .orElseThrow(() -> new AssertionError(target + " has no USER: it would run as root"));
        assertThat(user.split(":")[0]).as(target + " USER").isNotIn("root", "0").matches("[0-9]+|[a-z][a-z0-9-]*");
        assertThat(DOCKERFILE.effective(target))
                .filteredOn(i -> i.keyword().equals("VOLUME"))
                .as(target + " keeps its audit log and tokens in a volume")
                .anyMatch(i -> i.args().contains("/var/lib/sco"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "monitor", "app"})
    void healthCheckAndCommandLineFollowThePortVariable(String target) {
        assertThat(DOCKERFILE.env(target)).as("ENV of " + target).containsKey("SCO_PORT");
        String port = DOCKERFILE.env(target).get("SCO_PORT");
        String health = DOCKERFILE
                .last(target, "HEALTHCHECK")
                .orElseThrow(() -> new AssertionError(target + " has no HEALTHCHECK"));
        assertThat(health)
                .as("HEALTHCHECK of " + target)
                .contains("CMD ")
                .containsPattern("\\$\\{?SCO_PORT\\}?")
                .doesNotContainPattern(":[0-9]{2,5}/")
                .contains("/healthz");
        String entry = DOCKERFILE.last(target, "ENTRYPOINT").orElseThrow();
        assertThat(entry)
                .as("ENTRYPOINT of " + target)
                .containsPattern("--port \\\\?\"?\\$\\{?SCO_PORT")
                .contains("--data-dir /var/lib/sco")
                .contains("$SCO_JAR")
                .contains("exec java");
        assertThat(DOCKERFILE.effective(target))
                .filteredOn(i -> i.keyword().equals("EXPOSE"))
                .as("EXPOSE of " + target + " is the default SCO_PORT")
                .extracting(Instruction::args)
                .contains(port);
    }

    /**
     * The agent creates its audit key and anchor beside the data directory on its first start
     * ({@code <data-dir>.audit.key}): that folder must be in the volume and the image user's, or
     * the container stops at once (it did, with the data directory at the volume's root and
     * /var/lib root's).
     */
    @ParameterizedTest
    @ValueSource(strings = {"agent", "monitor", "app"})
    void theAuditKeyBesideTheDataDirectoryIsCreatedInTheVolumeByTheImageUser(String target) {
        Matcher dataDir = Pattern.compile("--data-dir (/[^\\s\\\\\"]+)")
                .matcher(DOCKERFILE.last(target, "ENTRYPOINT").orElseThrow());
        assertThat(dataDir.find())
                .as("ENTRYPOINT of " + target + " names the data directory")
                .isTrue();
        String beside = dataDir.group(1).substring(0, dataDir.group(1).lastIndexOf('/'));
        assertThat(DOCKERFILE.effective(target))
                .filteredOn(i -> i.keyword().equals("VOLUME"))
                .as("the folder of " + target + "'s audit key (" + beside + ") is a volume")
                .anyMatch(i -> List.of(
                                i.args().replaceAll("[\\[\\]\",]", " ").strip().split("\\s+"))
                        .contains(beside));
        assertThat(DOCKERFILE.effective(target))
                .filteredOn(i -> i.keyword().equals("RUN"))
                .as(beside + " belongs to the image user")
                .anyMatch(i -> i.args().matches("(?s).*chown (-R )?sco:sco " + Pattern.quote(beside) + "(\\s.*)?"));
    }

    @Test
    void copyingTheWholeContextKeepsBuildOutputGitDataAndDatabasesOut() throws IOException {
        boolean copiesAll = DOCKERFILE.stages().values().stream()
                .flatMap(s -> s.instructions().stream())
                .anyMatch(i -> (i.keyword().equals("COPY") || i.keyword().equals("ADD"))
                        && i.args().matches("(--\\S+\\s+)*\\.\\s+\\S+"));
        assertThat(copiesAll).as("the build copies the reactor").isTrue();
        Path ignore = REPO.resolve(".dockerignore");
        assertThat(ignore)
                .as("a COPY . . needs a .dockerignore at the context root")
                .exists();
        List<String> patterns = Files.readAllLines(ignore).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        List<String> leaked = new ArrayList<>();
        for (String path : List.of(
                "target/classes/x.class",
                "sco-examples/target/sco-app.jar",
                ".git/HEAD",
                ".git",
                "sco-data/tokens.db",
                "sco-examples/sco-data/audit.db",
                "audit.db",
                "sco-server/tokens.db",
                "x/audit.db-wal")) {
            if (!ignored(patterns, path)) {
                leaked.add(path);
            }
        }
        assertThat(leaked)
                .as("paths the .dockerignore lets into the build context")
                .isEmpty();
        assertThat(ignored(patterns, "sco-api/pom.xml"))
                .as("the sources stay in the context")
                .isFalse();
        assertThat(ignored(patterns, "sco-examples/Dockerfile")).isFalse();
    }

    @Test
    void noImageSwitchesBackToRoot() {
        for (String target : List.of("agent", "monitor", "app")) {
            assertThat(DOCKERFILE.effective(target))
                    .filteredOn(i -> i.keyword().equals("USER"))
                    .as("USER lines of " + target)
                    .isNotEmpty()
                    .allSatisfy(i -> assertThat(i.args().split(":")[0]).isNotIn("root", "0"));
        }
    }

    @Test
    void dockerfileReaderJoinsContinuationsAndInheritsStages() {
        Dockerfile d = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                FROM base:1 AS one
                ENV A=1 \\
                    B="two words"
                USER 10001
                FROM one AS two
                HEALTHCHECK CMD curl \\
                    http://x/
                """);
        assertThat(d.stages()).containsOnlyKeys("one", "two");
        assertThat(d.env("two")).containsEntry("A", "1").containsEntry("B", "two words");
        assertThat(d.last("two", "USER")).contains("10001");
        assertThat(d.last("two", "HEALTHCHECK")).contains("CMD curl http://x/");
        assertThat(d.last("one", "HEALTHCHECK")).isEmpty();
    }

    /** Docker's rule: a pattern matches a path or one of its parent folders; the last match wins (! re-includes). */
    static boolean ignored(List<String> patterns, String path) {
        boolean out = false;
        for (String raw : patterns) {
            boolean include = raw.startsWith("!");
            String p = (include ? raw.substring(1) : raw).replaceAll("/+$", "").replaceFirst("^/", "");
            var glob = FileSystems.getDefault().getPathMatcher("glob:" + p);
            Path candidate = Path.of(path);
            for (Path prefix = candidate; prefix != null; prefix = prefix.getParent()) {
                if (glob.matches(prefix)
                        || p.startsWith("**/")
                                && FileSystems.getDefault()
                                        .getPathMatcher("glob:" + p.substring(3))
                                        .matches(prefix)) {
                    out = !include;
                    break;
                }
            }
        }
        return out;
    }

    @Test
    void ignoreMatcherFollowsDockersRules() {
        assertThat(ignored(List.of("target/"), "target/a/b")).isTrue();
        assertThat(ignored(List.of("target/"), "x/target/a")).isFalse();
        assertThat(ignored(List.of("**/target/"), "x/target/a")).isTrue();
        assertThat(ignored(List.of("*.db"), "x/a.db")).isFalse();
        assertThat(ignored(List.of("*.db", "!keep.db"), "keep.db")).isFalse();
        assertThat(ignored(List.of("**/*.db"), "a.db")).isTrue();
    }
}
