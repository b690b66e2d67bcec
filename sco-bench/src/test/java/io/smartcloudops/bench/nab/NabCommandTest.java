package io.smartcloudops.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.bench.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code nab} subcommand on a small subset of the development set (the whole set is a slow test). */
class NabCommandTest {

    @Test
    void runsDetectorOnSubsetWritesNabLayoutAndReport(@TempDir Path tmp) throws Exception {
        Path nab = SharedData.nab();
        Path data = tmp.resolve("data");
        for (String rel : List.of(
                "realKnownCause/nyc_taxi.csv",
                "artificialWithAnomaly/art_daily_jumpsup.csv",
                "realAdExchange/exchange-2_cpc_results.csv")) {
            Files.createDirectories(data.resolve(rel).getParent());
            Files.copy(nab.resolve("data").resolve(rel), data.resolve(rel));
        }
        Path out = tmp.resolve("out");
        StringWriter console = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(console));

        int exit = cli.execute(
                "nab",
                "--data",
                data.toString(),
                "--labels",
                nab.resolve("labels/combined_windows.json").toString(),
                "--out",
                out.toString(),
                "--detector",
                "ewma",
                "--reference",
                nab.resolve("reference").toString(),
                "--profiles",
                nab.resolve("config/profiles.json").toString());

        assertThat(exit).isZero();
        Path taxi = out.resolve("ewma/realKnownCause/ewma_nyc_taxi.csv");
        List<String> lines = Files.readAllLines(taxi);
        assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(lines)
                .hasSize(Files.readAllLines(nab.resolve("data/realKnownCause/nyc_taxi.csv"))
                        .size());
        assertThat(lines.stream().skip(1).filter(l -> l.endsWith(",1"))).isNotEmpty();
        String report = Files.readString(out.resolve("REPORT.md"));
        assertThat(report)
                .contains("| ewma |")
                .contains("| ARTime (reference) |")
                .contains("reward_low_FP_rate");
        assertThat(console.toString()).contains("| ewma |");
    }

    @Test
    void keepsRowsInFileOrderWithDuplicateTimestamps() throws Exception {
        Path nab = SharedData.nab();
        NabSeries machine = NabSeries.read(
                nab.resolve("data/realKnownCause/machine_temperature_system_failure.csv"),
                "realKnownCause/machine_temperature_system_failure.csv");
        List<String> raw =
                Files.readAllLines(nab.resolve("data/realKnownCause/machine_temperature_system_failure.csv"));
        assertThat(machine.rows()).isEqualTo(raw.size() - 1);
        for (int i = 0; i < machine.rows(); i++) {
            assertThat(NabTime.parse(raw.get(i + 1).split(",")[0]))
                    .isEqualTo(machine.timestamps().get(i));
        }
    }
}
