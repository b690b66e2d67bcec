package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/compose.yaml, read statically: the six services of the one-machine pair, images
 * built from targets the Dockerfile has, every file it mounts present in the repository, the
 * agents' data in volumes, and every file a mounted configuration names (token files, rule files)
 * inside a mount of that service; a file in the secrets volume must be written by the secrets
 * service and owned by the uid of the container that reads it.
 */
class ComposeFileTest {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Path COMPOSE = REPO.resolve("deploy/compose/compose.yaml");
    /** The uid each image's process runs as when the service sets no {@code user}. */
    private static final Map<String, String> IMAGE_UID =
            Map.of("smartcloudops/", "10001", "prom/", "65534", "grafana/", "472", "busybox", "0");

    private record Mount(String source, String target, boolean bind) {}

    @Test
    void runsTheSixServicesOfThePairOnOneMachine() throws IOException {
        assertThat(services().keySet())
                .contains("monitor", "app", "prometheus", "alertmanager", "node-exporter", "grafana");
        Dockerfile dockerfile = null;
        for (String sco : List.of("monitor", "app")) {
            Map<?, ?> build = (Map<?, ?>) services().get(sco).get("build");
            assertThat(build).as(sco + " is built from the repository").isNotNull();
            Path context = COMPOSE.getParent()
                    .resolve(String.valueOf(build.get("context")))
                    .normalize();
            assertThat(context).as(sco + " build context").isEqualTo(REPO);
            Path file = context.resolve(String.valueOf(build.get("dockerfile")));
            assertThat(file).exists();
            dockerfile = Dockerfile.read(file);
            assertThat(dockerfile.stages()).as("Dockerfile targets").containsKey(String.valueOf(build.get("target")));
            assertThat(String.valueOf(build.get("target"))).isEqualTo(sco);
            assertThat(mounts(sco))
                    .as(sco + " keeps /var/lib/sco in a named volume")
                    .anyMatch(m -> !m.bind() && m.target().equals("/var/lib/sco"));
        }
    }

    @Test
    void everyMountedFileIsInTheRepositoryAndEveryVolumeIsDeclared() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(COMPOSE));
        Map<?, ?> volumes = (Map<?, ?>) root.get("volumes");
        List<String> problems = new ArrayList<>();
        for (String service : services().keySet()) {
            for (Mount m : mounts(service)) {
                if (m.bind()
                        && m.source().startsWith(".")
                        && !Files.exists(COMPOSE.getParent().resolve(m.source()))) {
                    problems.add(service + " mounts " + m.source() + ", which is not in the repository");
                }
                if (!m.bind() && (volumes == null || !volumes.containsKey(m.source()))) {
                    problems.add(service + " mounts volume " + m.source() + ", which compose.yaml does not declare");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFileAMountedConfigNamesIsMountedForItsReaderAndReadableByItsUid() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String service : services().keySet()) {
            List<Mount> mounts = mounts(service);
            List<String> paths = new ArrayList<>();
            for (Mount m : mounts) {
                Path source = COMPOSE.getParent().resolve(m.source()).normalize();
                if (m.bind() && Files.isRegularFile(source) && source.toString().matches(".*\\.ya?ml$")) {
                    collect(new Yaml().load(Files.readString(source)), "", paths);
                }
            }
            environment(service).forEach((k, v) -> {
                if (k.endsWith("__FILE")) {
                    paths.add(v);
                }
            });
            for (String path : paths) {
                checked++;
                problems.addAll(reachable(service, mounts, path));
            }
        }
        assertThat(checked).as("paths named by mounted configurations").isGreaterThanOrEqualTo(6);
        assertThat(problems).isEmpty();
    }

    /**
     * The compose variants of Prometheus's and Alertmanager's configurations are valid for the real
     * tools (promtool and amtool come with the Debian packages prometheus and
     * prometheus-alertmanager, which .ci/run installs); skipped where they are not installed.
     */
    @Test
    void theComposeVariantsPassPromtoolAndAmtool() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        Optional<Path> amtool = onPath("amtool");
        Assumptions.assumeTrue(promtool.isPresent() && amtool.isPresent(), "promtool and amtool are not installed");
        for (List<String> cmd : List.of(
                List.of(
                        promtool.get().toString(),
                        "check",
                        "config",
                        "--syntax-only",
                        COMPOSE.resolveSibling("prometheus.yml").toString()),
                List.of(
                        amtool.get().toString(),
                        "check-config",
                        COMPOSE.resolveSibling("alertmanager.yml").toString()))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        }
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Where a path a service reads comes from: a repository file of a bind mount, or a file the secrets service writes. */
    private List<String> reachable(String service, List<Mount> mounts, String path) throws IOException {
        Optional<Mount> under = mounts.stream()
                .filter(m -> path.equals(m.target()) || path.startsWith(m.target() + "/"))
                .max((a, b) -> Integer.compare(a.target().length(), b.target().length()));
        if (under.isEmpty()) {
            return List.of(service + " reads " + path + ", which no mount of " + service + " provides");
        }
        Mount m = under.get();
        String rest = path.substring(m.target().length()).replaceFirst("^/", "");
        if (m.bind()) {
            Path source = COMPOSE.getParent().resolve(m.source()).normalize();
            Path file = rest.isEmpty() ? source : source.resolve(rest);
            if (rest.contains("*")) {
                var glob = FileSystems.getDefault().getPathMatcher("glob:" + file);
                try (var files = Files.list(file.getParent())) {
                    return files.anyMatch(glob::matches)
                            ? List.of()
                            : List.of(service + " reads " + path + ": nothing in " + file.getParent() + " matches");
                }
            }
            return Files.exists(file)
                    ? List.of()
                    : List.of(service + " reads " + path + ": " + file + " does not exist");
        }
        // a named volume: the secrets service must write the file and give it to this service's uid
        Map<String, Object> secrets = services().get("secrets");
        Optional<Mount> written = mounts("secrets").stream()
                .filter(s -> !s.bind() && s.source().equals(m.source()))
                .findFirst();
        if (secrets == null || written.isEmpty()) {
            return List.of(service + " reads " + path + " from volume " + m.source() + ", which no service writes");
        }
        String script = String.valueOf(secrets.get("command"));
        String inSecrets = written.get().target() + "/" + rest;
        String uid = uid(service);
        Matcher chown = Pattern.compile("chown (\\d+)(?::\\d+)? [^\\n]*" + Pattern.quote(inSecrets) + "(?=[\\s,\\]])")
                .matcher(script);
        if (!script.contains(">" + inSecrets)
                && !Pattern.compile("cp \\S+ " + Pattern.quote(inSecrets) + "(?=[\\s,\\]])")
                        .matcher(script)
                        .find()) {
            return List.of(service + " reads " + path + ": the secrets service does not write " + inSecrets);
        }
        if (!chown.find() || !chown.group(1).equals(uid)) {
            return List.of(service + " reads " + path + " as uid " + uid + ", but the secrets service does not chown "
                    + inSecrets + " to it");
        }
        return List.of();
    }

    private String uid(String service) throws IOException {
        Map<String, Object> s = services().get(service);
        if (s.get("user") != null) {
            return String.valueOf(s.get("user")).split(":")[0];
        }
        String image = String.valueOf(s.get("image"));
        return IMAGE_UID.entrySet().stream()
                .filter(e -> image.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("which uid does image " + image + " run as? add it to IMAGE_UID"));
    }

    private static void collect(Object node, String key, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collect(v, String.valueOf(k), out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, key, out));
        } else if (node instanceof String s
                && s.startsWith("/")
                && (key.endsWith("_file") || key.endsWith("_files") || key.equals("path"))) {
            out.add(s);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> root = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) root.get("services");
    }

    private static Map<String, String> environment(String service) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (services().get(service).get("environment") instanceof Map<?, ?> env) {
            env.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static List<Mount> mounts(String service) throws IOException {
        List<Mount> out = new ArrayList<>();
        if (services().get(service).get("volumes") instanceof List<?> l) {
            for (Object v : l) {
                String[] parts = String.valueOf(v).split(":");
                boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/");
                out.add(new Mount(parts[0], parts[1], bind));
            }
        }
        return out;
    }
}
