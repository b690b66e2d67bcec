package io.smartcloudops.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code forecast} subcommand, quickly: one origin a series on the repository's NAB files, few generated series. */
class ForecastCommandTest {

    @Test
    void printsBothGroupsEveryMethodAndTheClaimsAndWritesTheSameToOut(@TempDir Path tmp) throws Exception {
        Path data =
                Path.of(System.getProperty("sco.nab.dir", "../datasets/nab")).resolve("data");
        Path out = tmp.resolve("forecast.md");
        StringWriter console = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(console));

        int exit = cli.execute(
                "forecast", "--data", data.toString(), "--origins", "1", "--claims", "20", "--out", out.toString());

        assertThat(exit).isZero();
        String md = console.toString();
        assertThat(md)
                .contains("### hourly (seasonal)")
                .contains("### 5-minute (non-seasonal)")
                .contains("### Time-to-threshold");
        for (String method : new String[] {
            ForecastCommand.PRODUCT,
            "naive",
            "seasonal-naive",
            "Holt-Winters (A,A,A)",
            "damped ETS(A,Ad,A)",
            "Holt (A,A,N)",
            "damped ETS(A,Ad,N)",
            "filling 24%/day"
        }) {
            assertThat(md).contains("| " + method + " |");
        }
        assertThat(md).doesNotContain("NaN");
        assertThat(Files.readString(out)).isEqualTo(md);
    }
}
