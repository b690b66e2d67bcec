package io.smartcloudops.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageFigureTest {
    @TempDir
    Path dir;

    @Test
    void sumsLinesPerModuleFromJacocosCsv() throws Exception {
        Path csv = Files.writeString(dir.resolve("jacoco.csv"), """
                GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,COMPLEXITY_MISSED,COMPLEXITY_COVERED,METHOD_MISSED,METHOD_COVERED
                SmartCloudOps example hosts/sco-api,io.smartcloudops.api,Labels,1,100,0,4,2,40,0,10,0,8
                SmartCloudOps example hosts/sco-api,io.smartcloudops.api,SeriesId,0,50,0,2,0,10,0,5,0,4
                SmartCloudOps example hosts/sco-detect,io.smartcloudops.detect,Ewma,10,90,1,3,8,42,1,9,0,6
                """);
        List<CoverageFigure> modules = CoverageFigure.read(csv);
        assertThat(modules)
                .containsExactly(new CoverageFigure("sco-api", 50, 2), new CoverageFigure("sco-detect", 42, 8));
        CoverageFigure all = CoverageFigure.total(modules);
        assertThat(all.coveredLines()).isEqualTo(92);
        assertThat(all.percent()).isCloseTo(100.0 * 92 / 102, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aFileThatIsNotJacocosIsRefused() throws Exception {
        Path csv = Files.writeString(dir.resolve("other.csv"), "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> CoverageFigure.read(csv))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a JaCoCo CSV");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThatThrownBy(() -> CoverageFigure.read(empty))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("empty");
    }
}
