package io.smartcloudops.examples.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner jars keep the chat model and the AWS SDK in jars of their own beside them (see the
 * shade executions in sco-examples/pom.xml), found through the manifest Class-Path: each runner
 * names the right ones, discovery through them finds the AWS plugins where they belong and only
 * there, and a runner copied without its model jar says which jar to add.
 */
class RunnerJarsIT {
    private static final Path TARGET = Path.of("target");
    private static final Path REPO = Path.of(System.getProperty("sco.repo.dir", ".."));
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private static List<String> classPathOf(String jar) throws IOException {
        Path file = TARGET.resolve(jar);
        assertThat(file).as("built in the package phase").exists();
        try (JarFile j = new JarFile(file.toFile())) {
            String cp = j.getManifest().getMainAttributes().getValue("Class-Path");
            return cp == null ? List.of() : Arrays.asList(cp.trim().split("\\s+"));
        }
    }

    private static String run(List<String> cmd, int expectedExit) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(expectedExit);
        return out;
    }

    private static List<String> providersSeenFrom(String jar) throws Exception {
        String cp = TARGET.resolve(jar) + File.pathSeparator + TARGET.resolve("test-classes");
        return run(List.of(JAVA, "-cp", cp, ProviderNames.class.getName()), 0)
                .lines()
                .toList();
    }

    @Test
    void eachRunnerJarNamesThePluginJarsItNeedsAndTheyAreBuilt() throws Exception {
        assertThat(classPathOf("sco-agent.jar")).containsExactly("sco-chat-model.jar", "sco-aws-plugins.jar");
        assertThat(classPathOf("sco-monitor.jar")).containsExactly("sco-chat-model.jar", "sco-aws-plugins.jar");
        assertThat(classPathOf("sco-app.jar")).containsExactly("sco-chat-model.jar");
        assertThat(TARGET.resolve("sco-chat-model.jar")).exists();
        assertThat(TARGET.resolve("sco-aws-plugins.jar")).exists();
    }

    @Test
    void everyDeploymentPutsTheJarsARunnerNamesBesideIt() throws Exception {
        String compute = Files.readString(REPO.resolve("terraform/compute.tf"));
        Matcher env = Pattern.compile("(?s)(\\w+)_env = join\\(\"\\\\n\", \\[(.*?)\\]\\)")
                .matcher(compute);
        int hosts = 0;
        while (env.find()) {
            String jar = export(env.group(2), "SCO_JAR_NAME");
            assertThat(Arrays.asList(export(env.group(2), "SCO_PLUGIN_JARS").split(" ")))
                    .as("SCO_PLUGIN_JARS of the %s host in terraform/compute.tf", env.group(1))
                    .containsExactlyElementsOf(classPathOf(jar));
            hosts++;
        }
        assertThat(hosts).as("host environments in terraform/compute.tf").isEqualTo(2);

        String docker = Files.readString(REPO.resolve("sco-examples/Dockerfile"));
        for (String jar : classPathOf("sco-app.jar")) {
            assertThat(docker)
                    .as("the app image carries %s", jar)
                    .containsPattern("(?m)^COPY .*/" + Pattern.quote(jar) + " .*/opt/sco/");
        }
    }

    private static String export(String env, String name) {
        Matcher m = Pattern.compile("\"export " + name + "='([^']*)'\"").matcher(env);
        assertThat(m.find()).as("%s in %s", name, env).isTrue();
        return m.group(1);
    }

    @Test
    void monitorFindsTheAwsPluginsThroughItsClassPathAndTheAppHostDoesNot() throws Exception {
        List<String> monitor = providersSeenFrom("sco-monitor.jar");
        assertThat(monitor)
                .contains(
                        "ActionProvider ec2_reboot",
                        "ActionProvider ssm_restart_service",
                        "NotifierProvider sns",
                        "ActionProvider restart_service",
                        "ChatEngineProvider offline");
        assertThat(monitor).noneMatch(line -> line.startsWith("PROBLEM"));

        List<String> app = providersSeenFrom("sco-app.jar");
        assertThat(app).contains("ActionProvider restart_service", "ChatEngineProvider offline");
        assertThat(app).noneMatch(line -> line.contains("ec2_") || line.contains("sns") || line.startsWith("PROBLEM"));
    }

    @Test
    void agentCopiedWithoutItsModelJarSaysWhichJarToAdd() throws Exception {
        Path alone = Files.copy(TARGET.resolve("sco-agent.jar"), dir.resolve("sco-agent.jar"));
        List<String> cmd = new ArrayList<>(List.of(
                JAVA,
                "-jar",
                alone.toString(),
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString()));
        String out = run(cmd, 2);
        assertThat(out)
                .contains("sco-agent: ")
                .contains("embedding model is not on the class path")
                .contains("sco-chat-model.jar")
                .doesNotContain("NoClassDefFoundError\n\tat");
    }
}
