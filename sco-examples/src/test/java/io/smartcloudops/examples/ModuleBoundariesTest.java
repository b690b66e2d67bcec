package io.smartcloudops.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Modules meet only through sco-api: detection, remediation, chat and AWS never reach into each
 * other. Checked here because this module sees them all.
 */
class ModuleBoundariesTest {
    private final JavaClasses all = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.smartcloudops");

    private final JavaClasses jars = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.smartcloudops");

    @Test
    void detectionKnowsOnlyTheApi() {
        noClasses().that().resideInAPackage("io.smartcloudops.detect..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartcloudops.remediate..", "io.smartcloudops.chat..", "io.smartcloudops.aws..",
                        "io.smartcloudops.examples..", "io.smartcloudops.bench..", "io.smartcloudops.prometheus..")
                .allowEmptyShould(true).check(jars);
    }

    @Test
    void remediationKnowsOnlyTheApi() {
        noClasses().that().resideInAPackage("io.smartcloudops.remediate..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartcloudops.detect..", "io.smartcloudops.chat..", "io.smartcloudops.aws..",
                        "io.smartcloudops.examples..", "io.smartcloudops.bench..", "io.smartcloudops.prometheus..")
                .allowEmptyShould(true).check(jars);
    }

    @Test
    void chatKnowsOnlyTheApiSoItCannotBypassThePolicyGate() {
        noClasses().that().resideInAPackage("io.smartcloudops.chat..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartcloudops.detect..", "io.smartcloudops.remediate..", "io.smartcloudops.aws..",
                        "io.smartcloudops.examples..", "io.smartcloudops.bench..", "io.smartcloudops.prometheus..")
                .allowEmptyShould(true).check(jars);
    }

    @Test
    void prometheusSourcesKnowOnlyTheApi() {
        noClasses().that().resideInAPackage("io.smartcloudops.prometheus..").should().dependOnClassesThat()
                .resideInAnyPackage("io.smartcloudops.detect..", "io.smartcloudops.remediate..", "io.smartcloudops.chat..",
                        "io.smartcloudops.aws..", "io.smartcloudops.examples..", "io.smartcloudops.bench..")
                .allowEmptyShould(true).check(jars);
    }

    @Test
    void noHeavyLibraryLeaksIntoTheApi() {
        noClasses().that().resideInAPackage("io.smartcloudops.api..").should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "dev.langchain4j..", "org.sqlite..", "ai.onnxruntime..", "io.javalin..",
                        "com.fasterxml..", "io.prometheus..", "org.tribuo..")
                .allowEmptyShould(true).check(jars);
    }

    @Test
    void examplesOwnNoPackageOfAnotherModule() {
        noClasses().should().resideInAnyPackage("io.smartcloudops.detect..", "io.smartcloudops.remediate..", "io.smartcloudops.api..")
                .allowEmptyShould(true).check(all);
    }
}
