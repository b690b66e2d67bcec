package io.smartcloudops.aws.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CI workflow keeps the properties issue #7 asks for. The images are checked by sco-examples'
 * DockerImagesTest and ComposeFileTest.
 */
class DeploymentFilesTest {
    private static final Path ROOT = TerraformModel.DIR.getParent();

    @Test
    void ciRunsTerraformChecksAndTheMavenBuild() throws Exception {
        String ci = Files.readString(ROOT.resolve(".github/workflows/ci.yml"));
        assertThat(ci)
                .contains("terraform fmt -check")
                .contains("terraform validate")
                .contains("terraform init -backend=false")
                .contains("mvn -B verify")
                .contains("shellcheck")
                .contains("java-version: \"17\"")
                .contains("permissions:\n  contents: read");
    }
}
