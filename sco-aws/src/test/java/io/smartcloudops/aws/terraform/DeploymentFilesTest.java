package io.smartcloudops.aws.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CI workflow and the app image keep the properties issue #7 asks for. */
class DeploymentFilesTest {
    private static final Path ROOT = TerraformModel.DIR.getParent();

    @Test
    void ciRunsTerraformChecksAndTheMavenBuild() throws Exception {
        String ci = Files.readString(ROOT.resolve(".github/workflows/ci.yml"));
        assertThat(ci).contains("terraform fmt -check").contains("terraform validate").contains("terraform init -backend=false")
                .contains("mvn -B verify").contains("shellcheck").contains("java-version: \"17\"")
                .contains("permissions:\n  contents: read");
    }

    @Test
    void theAppImageIsMultiStageNonRootAndHealthChecked() throws Exception {
        String docker = Files.readString(ROOT.resolve("sco-examples/Dockerfile"));
        assertThat(docker.lines().filter(l -> l.startsWith("FROM ")).count()).isEqualTo(2);
        assertThat(docker).contains("AS build").contains("COPY --from=build").contains("sco-app.jar")
                .containsPattern("(?m)^USER 10001")
                .containsPattern("(?m)^HEALTHCHECK .*\\n?.*http://127\\.0\\.0\\.1:8080/healthz")
                .containsPattern("(?m)^EXPOSE 8080$");
        assertThat(docker).doesNotContainPattern("(?m)^USER (root|0)\\b");
    }
}
