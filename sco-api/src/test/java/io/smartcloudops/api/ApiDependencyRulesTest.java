package io.smartcloudops.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The API module stays light: the JDK and slf4j-api, nothing else. */
class ApiDependencyRulesTest {
    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.smartcloudops.api");

    @Test
    void apiDependsOnlyOnTheJdkAndSlf4j() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.slf4j..", "io.smartcloudops.api..")
                .check(api);
    }

    @Test
    void apiNeverReachesIntoImplementationModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.smartcloudops.detect..",
                        "io.smartcloudops.remediate..",
                        "io.smartcloudops.chat..",
                        "io.smartcloudops.aws..",
                        "io.smartcloudops.examples..",
                        "io.smartcloudops.bench..")
                .check(api);
    }
}
