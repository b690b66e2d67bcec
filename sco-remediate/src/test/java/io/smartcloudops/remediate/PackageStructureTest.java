package io.smartcloudops.remediate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of sco-remediate form a DAG: alerting → policy → rules → match (and action, audit,
 * notify beside them). No rule here may pass on an empty import: ArchUnit fails a rule whose
 * subject is empty unless told otherwise, and we never tell it otherwise.
 */
class PackageStructureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.smartcloudops.remediate");

    @Test
    void importedTheModulesOwnClasses() {
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .contains(
                        "io.smartcloudops.remediate.alerting",
                        "io.smartcloudops.remediate.policy",
                        "io.smartcloudops.remediate.rules",
                        "io.smartcloudops.remediate.match",
                        "io.smartcloudops.remediate.audit");
    }

    @Test
    void packageSlicesAreFreeOfCycles() {
        slices().matching("io.smartcloudops.remediate.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void labelMatchingKnowsNothingOfAlertsRulesOrTheGate() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.remediate.match..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.smartcloudops.remediate.alerting..",
                        "io.smartcloudops.remediate.policy..",
                        "io.smartcloudops.remediate.rules..")
                .check(classes);
    }

    @Test
    void rulesDoNotReachIntoTheGateOrTheRouter() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.remediate.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.smartcloudops.remediate.alerting..", "io.smartcloudops.remediate.policy..")
                .check(classes);
    }

    @Test
    void labelRegexesNeverUseTheBacktrackingEngine() {
        noClasses()
                .that()
                .resideInAPackage("io.smartcloudops.remediate.match..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.regex.Pattern")
                .check(classes);
    }
}
