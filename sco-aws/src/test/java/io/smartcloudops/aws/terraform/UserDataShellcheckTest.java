package io.smartcloudops.aws.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs shellcheck on the user-data scripts, each alone and as terraform joins them. Without
 * shellcheck the test is skipped on a developer machine and fails in CI (CI=true): .ci/run installs
 * the Debian package shellcheck.
 */
class UserDataShellcheckTest {
    @TempDir
    Path tmp;

    private static Optional<Path> shellcheck() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, "shellcheck"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Test
    void userDataScriptsPassShellcheck() throws Exception {
        Optional<Path> tool = shellcheck();
        if (tool.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("shellcheck is not installed but CI=true: .ci/run must install the Debian package 'shellcheck'");
            }
            Assumptions.abort("shellcheck is not installed; skipped here, required in CI (apt-get install shellcheck)");
        }
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(TerraformModel.DIR.resolve("user-data"))) {
            files.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        assertThat(scripts).extracting(p -> p.getFileName().toString()).contains("common.sh", "monitor.sh", "app.sh");
        TerraformModel tf = new TerraformModel();
        for (String host : List.of("monitor", "app")) {
            Path joined = tmp.resolve(host + "-user-data.sh");
            Files.writeString(
                    joined, String.valueOf(tf.resource("aws_instance", host).get("user_data")));
            scripts.add(joined);
        }
        for (Path script : scripts) {
            Process p = new ProcessBuilder(tool.get().toString(), "--shell=bash", "--severity=style", script.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("shellcheck finished")
                    .isTrue();
            assertThat(p.exitValue()).as("shellcheck " + script + ":\n" + out).isZero();
        }
    }
}
