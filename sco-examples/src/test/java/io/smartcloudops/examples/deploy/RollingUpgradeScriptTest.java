package io.smartcloudops.examples.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/sco/rolling-upgrade.sh run for real by bash, against a host laid out as the user data
 * leaves it (the jar a plain file where the unit runs it). systemd is the one stand-in: a
 * {@code --systemctl} script that records each restart; "the service" is an HTTP health endpoint
 * in this test that answers from whatever jar the unit's path points at when asked, as a restarted
 * unit would. A jar whose {@code health} entry says {@code ok} is healthy.
 */
class RollingUpgradeScriptTest {
    private static final Path REPO =
            Path.of(System.getProperty("sco.repo.dir", "..")).toAbsolutePath().normalize();
    private static final Path SCRIPT = REPO.resolve("deploy/sco/rolling-upgrade.sh");

    @TempDir
    Path dir;

    private HttpServer service;
    private Path link;
    private Path restarts;
    private Path systemctl;

    @BeforeEach
    void host() throws IOException {
        link = dir.resolve("opt/sco/sco-app.jar");
        Files.createDirectories(link.getParent());
        jar(link, "ok", "v1");
        restarts = dir.resolve("restarts.log");
        systemctl = dir.resolve("systemctl");
        Files.writeString(systemctl, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >>'" + restarts + "'\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwx------"));
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/healthz", ex -> {
            int status = "ok".equals(entry(link.toRealPath(), "health")) ? 200 : 503;
            byte[] body = ("{\"status\":\"" + (status == 200 ? "ok" : "down") + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    @Test
    void aHealthyJarIsSwitchedToBesideTheOldOneAndStays() throws Exception {
        Path v2 = jar(dir.resolve("new/sco-app.jar"), "ok", "v2");
        Run r = run("--jar", v2.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("UPGRADE ok");
        assertThat(Files.isSymbolicLink(link))
                .as("the unit's jar path is a link to a release")
                .isTrue();
        assertThat(entry(link.toRealPath(), "version")).isEqualTo("v2");
        assertThat(releases())
                .as("the old jar is kept beside the new one")
                .hasSize(2)
                .anySatisfy(p -> assertThat(entry(p, "version")).isEqualTo("v1"));
        assertThat(Files.readAllLines(restarts)).containsExactly("restart sco-app");

        Run again = run("--jar", v2.toString());
        assertThat(again.code()).isZero();
        assertThat(again.output()).contains("UPGRADE unchanged");
        assertThat(Files.readAllLines(restarts))
                .as("no restart for the jar already running")
                .hasSize(1);
    }

    @Test
    void anUnhealthyJarIsRolledBackToThePreviousRelease() throws Exception {
        Path broken = jar(dir.resolve("new/sco-app.jar"), "fail", "v2-broken");
        Run r = run("--jar", broken.toString());
        assertThat(r.code()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("UPGRADE rolled-back").contains("rolling back");
        assertThat(entry(link.toRealPath(), "version"))
                .as("the unit runs the old jar again")
                .isEqualTo("v1");
        assertThat(Files.readAllLines(restarts)).containsExactly("restart sco-app", "restart sco-app");
    }

    @Test
    void aFileThatIsNoJarChangesNothing() throws Exception {
        Path html = dir.resolve("new/sco-app.jar");
        Files.createDirectories(html.getParent());
        Files.writeString(html, "<html>404 Not Found</html>");
        Run r = run("--jar", html.toString());
        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("not a jar");
        assertThat(Files.isSymbolicLink(link))
                .as("the installed jar is untouched")
                .isFalse();
        assertThat(restarts).doesNotExist();

        Run missing = run("--jar", dir.resolve("nowhere.jar").toString());
        assertThat(missing.code()).isEqualTo(2);
        Run noArgs = run();
        assertThat(noArgs.code()).isEqualTo(2);
        assertThat(noArgs.output()).contains("--jar is required");
    }

    @Test
    void keepsOnlyTheNewestReleases() throws Exception {
        for (int v = 2; v <= 5; v++) {
            Run r = run(
                    "--jar",
                    jar(dir.resolve("new" + v + "/sco-app.jar"), "ok", "v" + v).toString(),
                    "--keep",
                    "3");
            assertThat(r.code()).as(r.output()).isZero();
        }
        assertThat(releases()).hasSize(3).extracting(p -> entry(p, "version")).contains("v5", "v4");
        assertThat(entry(link.toRealPath(), "version")).isEqualTo("v5");
    }

    @Test
    void theScriptPassesShellcheck() throws Exception {
        Optional<Path> tool = Stream.of(
                        Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "shellcheck"))
                .filter(Files::isExecutable)
                .findFirst();
        if (tool.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("shellcheck is not installed but CI=true: install the Debian package 'shellcheck'");
            }
            Assumptions.abort("shellcheck is not installed; skipped here, required in CI");
        }
        Process p = new ProcessBuilder(tool.get().toString(), "--shell=bash", "--severity=style", SCRIPT.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private record Run(int code, String output) {}

    private Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "bash",
                SCRIPT.toString(),
                "--link",
                link.toString(),
                "--unit",
                "sco-app",
                "--url",
                "http://127.0.0.1:" + service.getAddress().getPort() + "/healthz",
                "--timeout",
                "2",
                "--interval",
                "0.1",
                "--systemctl",
                systemctl.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("rolling-upgrade.sh did not finish: " + out);
        }
        return new Run(p.exitValue(), out);
    }

    private List<Path> releases() throws IOException {
        try (Stream<Path> s = Files.list(link.getParent().resolve("releases"))) {
            return s.filter(p -> p.toString().endsWith(".jar")).toList();
        }
    }

    private static Path jar(Path file, String health, String version) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String[] e : List.of(new String[] {"health", health}, new String[] {"version", version})) {
                zip.putNextEntry(new ZipEntry(e[0]));
                zip.write(e[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    private static String entry(Path jar, String name) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry e = z.getEntry(name);
            return e == null ? null : new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
