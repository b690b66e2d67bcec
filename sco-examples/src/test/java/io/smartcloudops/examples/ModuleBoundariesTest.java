package io.smartcloudops.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modules meet only through sco-api: detection, remediation, chat, the Prometheus sources and AWS
 * never reach into each other; the runtime knows the loop's parts and nothing of HTTP, chat or
 * logging backends; the server knows no launcher. Checked here because this module sees them all.
 */
class ModuleBoundariesTest {
    private static final JavaClasses OURS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.smartcloudops");

    /** Every rule below must judge real classes: a rule over an empty set would pass on nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"api", "detect", "remediate", "chat", "prometheus", "aws", "runtime", "server", "examples"})
    void everyModuleIsImported(String module) {
        List<String> names = OURS.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> p.equals("io.smartcloudops." + module) || p.startsWith("io.smartcloudops." + module + "."))
                .toList();
        assertThat(names)
                .as("classes of sco-%s on this test's class path", module)
                .isNotEmpty();
    }

    @Test
    void detectionKnowsOnlyTheApi() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.detect..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others("detect"))
                .check(OURS);
    }

    @Test
    void remediationKnowsOnlyTheApi() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.remediate..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others("remediate"))
                .check(OURS);
    }

    @Test
    void chatKnowsOnlyTheApiSoItCannotBypassThePolicyGate() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.chat..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others("chat"))
                .check(OURS);
    }

    @Test
    void prometheusSourcesKnowOnlyTheApi() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.prometheus..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others("prometheus"))
                .check(OURS);
    }

    @Test
    void awsPluginsKnowOnlyTheApi() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.aws..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others("aws"))
                .check(OURS);
    }

    @Test
    void theRuntimeIsTheLoopAndNothingOfHttpChatOrLoggingBackends() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.smartcloudops.chat..",
                        "io.smartcloudops.aws..",
                        "io.smartcloudops.prometheus..",
                        "io.smartcloudops.server..",
                        "io.smartcloudops.examples..",
                        "io.smartcloudops.bench..",
                        "io.javalin..",
                        "org.eclipse.jetty..",
                        "ch.qos.logback..",
                        "dev.langchain4j..",
                        "software.amazon..")
                .check(OURS);
    }

    @Test
    void theServerKnowsNoLauncher() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.smartcloudops.examples..",
                        "io.smartcloudops.bench..",
                        "io.smartcloudops.aws..",
                        "io.smartcloudops.prometheus..",
                        "picocli..")
                .check(OURS);
    }

    @Test
    void noHeavyLibraryLeaksIntoTheApi() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "dev.langchain4j..",
                        "org.sqlite..",
                        "ai.onnxruntime..",
                        "io.javalin..",
                        "com.fasterxml..",
                        "io.prometheus..",
                        "org.tribuo..")
                .check(OURS);
    }

    @Test
    void theLaunchersOwnNoPackageOfAnotherModule() {
        // this module's compiled classes (Surefire runs in the module's folder)
        JavaClasses launchers = new ClassFileImporter().importPath(Path.of("target", "classes"));
        assertThat(launchers).as("this module's own classes").isNotEmpty();
        noClasses()
                .should()
                .resideOutsideOfPackage("io.smartcloudops.examples..")
                .check(launchers);
    }

    /** The implementation modules besides {@code self}, and everything built on top of them. */
    private static String[] others(String self) {
        return List.of("detect", "remediate", "chat", "prometheus", "aws", "runtime", "server", "examples", "bench")
                .stream()
                .filter(m -> !m.equals(self))
                .map(m -> "io.smartcloudops." + m + "..")
                .toArray(String[]::new);
    }
}
