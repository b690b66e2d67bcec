package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.examples.deploy.HostProvisioning.Entry;
import io.smartcloudops.examples.deploy.HostProvisioning.Unit;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every path a deployed configuration names exists on its host with the owner and mode its reader
 * needs. The configurations are the deploy/ files the user data installs where a systemd unit reads
 * them; the paths are every value of a key ending in {@code _file}/{@code _files}, {@code rules},
 * {@code data_dir} and Grafana's provider {@code path}, and every absolute path on the units' command
 * lines and in their drop-ins. "Exists" means the Terraform user data of that host creates it
 * ({@link HostProvisioning}); files under /usr come with the packages. It caught
 * /etc/alertmanager/sco-token, which Alertmanager reads and no user data wrote.
 */
class DeployFileReferencesTest {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();
    /** Flags whose directory the process writes. */
    private static final Set<String> WRITTEN_DIRS =
            Set.of("--storage.tsdb.path", "--storage.path", "--data-dir", "data_dir");
    /** Keys naming a file the process creates itself on its first start: its folder must be the process's to write. */
    private static final Set<String> CREATED_FILES = Set.of("key_file", "anchor_file");

    private static final Map<String, Set<String>> EXPECTED_CONFIGS = Map.of(
            "monitor",
                    Set.of(
                            "prometheus/prometheus.yml",
                            "alertmanager/alertmanager.yml",
                            "sco/monitor.yml",
                            "grafana/provisioning/dashboards/smartcloudops.yml",
                            "grafana/provisioning/datasources/prometheus.yml"),
            "app", Set.of("sco/app.yml", "nginx/nginx.conf"));
    /** nginx directives whose argument is a file nginx reads, and those naming a file it writes. */
    private static final Set<String> NGINX_READS =
            Set.of("include", "root", "alias", "ssl_certificate", "ssl_certificate_key", "auth_basic_user_file");

    private static final Set<String> NGINX_WRITES = Set.of("error_log", "access_log", "pid");
    private static final Pattern NGINX_DIRECTIVE = Pattern.compile("(?m)^\\s*([a-z_]+)\\s+([^;{#]*)[;{]");

    @ParameterizedTest
    @ValueSource(strings = {"monitor", "app"})
    void everyPathAConfigNamesIsWrittenForItsReader(String role) throws IOException {
        HostProvisioning host = HostProvisioning.of(REPO, role);
        List<String> problems = new ArrayList<>();
        List<String> readConfigs = new ArrayList<>();
        for (Map.Entry<String, Path> installed : host.origins().entrySet()) {
            Optional<Unit> reader = readerOf(host, installed.getKey());
            String name = installed.getValue().toString();
            Matcher leftover = Pattern.compile("@[A-Z_]+@").matcher(host.installedText(installed.getKey()));
            if (reader.isPresent() && leftover.find()) {
                problems.add(installed.getKey() + ": placeholder " + leftover.group() + " is not filled in by the "
                        + role + " user data");
            }
            if (reader.isPresent()
                    && name.endsWith(".conf")
                    && reader.get().name().equals("nginx")) {
                readConfigs.add(REPO.resolve("deploy")
                        .relativize(installed.getValue())
                        .toString()
                        .replace('\\', '/'));
                nginxReferences(host, installed.getKey(), problems);
                continue;
            }
            if (reader.isEmpty() || !(name.endsWith(".yml") || name.endsWith(".yaml"))) {
                continue;
            }
            String what = "deploy/" + REPO.resolve("deploy").relativize(installed.getValue()) + " (read by "
                    + reader.get().name() + " as " + reader.get().user() + ")";
            readConfigs.add(REPO.resolve("deploy")
                    .relativize(installed.getValue())
                    .toString()
                    .replace('\\', '/'));
            check(host, reader.get().user(), what, installed.getKey(), false, problems);
            List<Reference> refs = new ArrayList<>();
            references(new Yaml().load(Files.readString(installed.getValue())), "", refs);
            for (Reference r : refs) {
                if (CREATED_FILES.contains(r.key()) && host.entry(r.path()).isEmpty()) {
                    createdBy(host, reader.get().user(), what + " " + r.key(), r.path(), problems);
                } else {
                    check(
                            host,
                            reader.get().user(),
                            what + " " + r.key(),
                            r.path(),
                            WRITTEN_DIRS.contains(r.key()),
                            problems);
                }
            }
            if (reader.get().name().startsWith("sco-")) {
                auditFilesOutsideTheDataDir(
                        host, reader.get(), what, new Yaml().load(Files.readString(installed.getValue())), problems);
            }
        }
        for (Unit unit : host.units().values()) {
            for (String arg : unit.args()) {
                int eq = arg.indexOf('=');
                String flag = eq > 0 ? arg.substring(0, eq) : "";
                String value = eq > 0 ? arg.substring(eq + 1) : arg;
                if (value.startsWith("/") && !value.startsWith("/usr/")) {
                    check(
                            host,
                            unit.user(),
                            "unit " + unit.name() + " " + (flag.isEmpty() ? "" : flag + "="),
                            value,
                            WRITTEN_DIRS.contains(flag),
                            problems);
                }
            }
            for (int i = 0; i + 1 < unit.args().size(); i++) {
                if (WRITTEN_DIRS.contains(unit.args().get(i))) {
                    check(
                            host,
                            unit.user(),
                            "unit " + unit.name() + " " + unit.args().get(i),
                            unit.args().get(i + 1),
                            true,
                            problems);
                }
            }
        }
        assertThat(readConfigs)
                .as("the configurations the %s host's units read", role)
                .containsAll(EXPECTED_CONFIGS.get(role));
        assertThat(problems).as("paths the %s host's configurations name", role).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"monitor", "app"})
    void tokenFilesAreReadableByTheirReaderAlone(String role) {
        HostProvisioning host = HostProvisioning.of(REPO, role);
        List<Entry> secrets = host.entries().values().stream()
                .filter(e -> !e.dir() && e.path().matches(".*(token|password)[^/]*$"))
                .toList();
        assertThat(secrets)
                .as("secret files on the %s host", role)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.mode() & 077)
                        .as(e.path() + " mode " + Integer.toOctalString(e.mode()))
                        .isZero());
    }

    /** Files an nginx configuration reads must exist; the folders of the files it writes must too. */
    private static void nginxReferences(HostProvisioning host, String conf, List<String> problems) {
        Matcher d = NGINX_DIRECTIVE.matcher(host.installedText(conf));
        while (d.find()) {
            String directive = d.group(1);
            String path = d.group(2).strip().split("\\s+")[0];
            if (!path.startsWith("/") || path.startsWith("/usr/")) {
                continue;
            }
            String what = conf + " (read by nginx as root) " + directive;
            if (NGINX_READS.contains(directive)) {
                check(host, "root", what, path, false, problems);
            } else if (NGINX_WRITES.contains(directive) && !path.startsWith("/run/")) {
                String dir = path.substring(0, path.lastIndexOf('/'));
                if (host.entry(dir).filter(Entry::dir).isEmpty()) {
                    problems.add(what + " " + path + ": the " + host.role() + " host has no folder " + dir);
                }
            }
        }
    }

    @Test
    void nginxFrontsTheAppOnThePortTheMonitorScrapes() throws IOException {
        HostProvisioning app = HostProvisioning.of(REPO, "app");
        assertThat(app.units()).as("units of the app host").containsKey("nginx");
        String conf = app.installedText("/etc/nginx/nginx.conf");
        Map<String, Object> prometheus =
                new Yaml().load(Files.readString(REPO.resolve("deploy/prometheus/prometheus.yml")));
        Map<?, ?> job = jobs(prometheus).stream()
                .filter(j -> "nginx".equals(j.get("job_name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("prometheus.yml has no nginx job"));
        List<String> targets = job.get("static_configs") instanceof List<?> l
                ? l.stream()
                        .flatMap(c -> ((List<?>) ((Map<?, ?>) c).get("targets")).stream())
                        .map(String::valueOf)
                        .toList()
                : List.of();
        assertThat(targets).as("the nginx job scrapes the app host").containsExactly("app:80");
        assertThat(conf).as("nginx listens on the port Prometheus scrapes").containsPattern("(?m)^\\s*listen 80\\b");
        assertThat(conf)
                .as("a location answers the nginx job's metrics_path itself")
                .contains("location = " + job.get("metrics_path") + " {")
                .contains("nginx_up 1");
        Matcher upstream = Pattern.compile("server 127\\.0\\.0\\.1:(\\S+);").matcher(conf);
        assertThat(upstream.find()).as("nginx proxies to the app on this host").isTrue();
        List<String> sco = app.units().get("sco-app").args();
        assertThat(sco).as("sco-app's command line").contains("--port");
        assertThat(upstream.group(1))
                .as("nginx proxies to the port sco-app listens on")
                .isEqualTo(sco.get(sco.indexOf("--port") + 1));
        assertThat(conf).contains("proxy_pass http://sco_app;");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> jobs(Map<String, Object> prometheus) {
        return (List<Map<?, ?>>) prometheus.get("scrape_configs");
    }

    private static void check(
            HostProvisioning host, String user, String what, String path, boolean written, List<String> problems) {
        if (path.contains("*")) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + path);
            List<Entry> matches = host.entries().values().stream()
                    .filter(e -> !e.dir() && glob.matches(Path.of(e.path())))
                    .toList();
            if (matches.isEmpty()) {
                problems.add(what + " " + path + ": no file of the " + host.role() + " user data matches");
            }
            matches.forEach(m -> check(host, user, what, m.path(), false, problems));
            return;
        }
        Optional<Entry> e = host.entry(path);
        if (e.isEmpty()) {
            problems.add(what + " " + path + ": the " + host.role() + " user data does not create it");
        } else if (written && !e.get().writableBy(user)) {
            problems.add(what + " " + path + ": " + user + " cannot write it (" + describe(e.get()) + ")");
        } else if (!e.get().readableBy(user)) {
            problems.add(what + " " + path + ": " + user + " cannot read it (" + describe(e.get()) + ")");
        }
    }

    /** A file the process creates: its folder exists and is the process user's to write. */
    private static void createdBy(HostProvisioning host, String user, String what, String path, List<String> problems) {
        String folder = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        Optional<Entry> dir = host.entry(folder).filter(Entry::dir);
        if (dir.isEmpty()) {
            problems.add(
                    what + " " + path + ": the " + host.role() + " user data creates no folder " + folder + " for it");
        } else if (!dir.get().writableBy(user)) {
            problems.add(what + " " + path + ": " + user + " cannot create it in " + folder + " (" + describe(dir.get())
                    + ")");
        }
    }

    /**
     * The agent's audit key and anchor: named by the configuration, or by default beside the unit's
     * data directory ({@code <data-dir>.audit.key}, {@code <data-dir>.audit.anchor.json}), where
     * the agent creates them on its first start. Either way their folder must be the agent's to write.
     */
    private static void auditFilesOutsideTheDataDir(
            HostProvisioning host, Unit unit, String what, Map<String, Object> config, List<String> problems) {
        int at = unit.args().indexOf("--data-dir");
        if (at < 0 || at + 1 >= unit.args().size()) {
            return;
        }
        String dataDir = HostProvisioning.normal(unit.args().get(at + 1));
        Map<?, ?> audit = config.get("audit") instanceof Map<?, ?> m ? m : Map.of();
        for (String[] file :
                new String[][] {{"key_file", dataDir + ".audit.key"}, {"anchor_file", dataDir + ".audit.anchor.json"}
                }) {
            if (!audit.containsKey(file[0])) {
                createdBy(host, unit.user(), what + " audit." + file[0] + " (default)", file[1], problems);
            }
        }
    }

    private static String describe(Entry e) {
        return e.owner() + ":" + e.group() + " " + Integer.toOctalString(e.mode());
    }

    /** The unit that reads a host path: one naming it, or a directory above it, on its command line. */
    private static Optional<Unit> readerOf(HostProvisioning host, String path) {
        return host.units().values().stream()
                .filter(u -> u.args().stream()
                        .map(a -> a.contains("=") ? a.substring(a.indexOf('=') + 1) : a)
                        .filter(a -> a.startsWith("/"))
                        .anyMatch(a -> path.equals(a) || path.startsWith(a + "/")))
                .findFirst();
    }

    private record Reference(String key, String path) {}

    private static void references(Object node, String key, List<Reference> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> references(v, String.valueOf(k), out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> references(v, key, out));
        } else if (node instanceof String s && names(key) && s.startsWith("/")) {
            out.add(new Reference(key, s));
        }
    }

    private static boolean names(String key) {
        return key.endsWith("_file")
                || key.endsWith("_files")
                || key.equals("rules")
                || key.equals("data_dir")
                || key.equals("path");
    }
}
