package io.smartcloudops.bench.report;

import io.smartcloudops.bench.LatencySummary;
import io.smartcloudops.bench.detect.Footprint;
import io.smartcloudops.bench.load.LoadResult;
import io.smartcloudops.bench.soak.SoakResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a benchmark report shows. A section that was not measured is empty (or null) and a
 * note says why, so a report from a machine without wrk or the agent jar is still a report.
 *
 * @param mode {@code quick} or {@code full}
 * @param commands the exact commands that produced the report
 * @param nabFiles how many NAB files the scores are over
 * @param chatIntentNote why intent classification alone is or is not in the latency section
 */
public record ReportFigures(
        String mode,
        String machine,
        List<String> commands,
        Duration elapsed,
        int nabFiles,
        List<NabFigure> nab,
        List<CostFigure> cost,
        List<LatencySummary> latency,
        LoadResult load,
        List<ThroughputFigure> throughput,
        List<Footprint> footprint,
        SoakResult soak,
        String chatIntentNote,
        List<CoverageFigure> coverage,
        List<String> notes) {

    public ReportFigures {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(machine, "machine");
        commands = List.copyOf(commands);
        nab = List.copyOf(nab);
        cost = List.copyOf(cost);
        latency = List.copyOf(latency);
        load = load == null ? LoadResult.skipped("not run") : load;
        throughput = List.copyOf(throughput);
        footprint = List.copyOf(footprint);
        coverage = List.copyOf(coverage);
        notes = List.copyOf(notes);
    }

    public static Builder builder(String mode, String machine) {
        return new Builder(mode, machine);
    }

    /** Collects the figures section by section as the runs finish. */
    public static final class Builder {
        private final String mode;
        private final String machine;
        private final List<String> commands = new ArrayList<>();
        private Duration elapsed = Duration.ZERO;
        private int nabFiles;
        private final List<NabFigure> nab = new ArrayList<>();
        private final List<CostFigure> cost = new ArrayList<>();
        private final List<LatencySummary> latency = new ArrayList<>();
        private LoadResult load;
        private final List<ThroughputFigure> throughput = new ArrayList<>();
        private final List<Footprint> footprint = new ArrayList<>();
        private SoakResult soak;
        private String chatIntentNote = "";
        private final List<CoverageFigure> coverage = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String mode, String machine) {
            this.mode = mode;
            this.machine = machine;
        }

        public Builder command(String c) {
            commands.add(c);
            return this;
        }

        public Builder elapsed(Duration d) {
            elapsed = d;
            return this;
        }

        public Builder nab(int files, List<NabFigure> figures) {
            nabFiles = files;
            nab.addAll(figures);
            return this;
        }

        public Builder cost(List<CostFigure> figures) {
            cost.addAll(figures);
            return this;
        }

        public Builder latency(LatencySummary s) {
            latency.add(s);
            return this;
        }

        public Builder load(LoadResult r) {
            load = r;
            return this;
        }

        public Builder throughput(List<ThroughputFigure> figures) {
            throughput.addAll(figures);
            return this;
        }

        public Builder footprint(Footprint f) {
            footprint.add(f);
            return this;
        }

        public Builder soak(SoakResult r) {
            soak = r;
            return this;
        }

        public Builder chatIntentNote(String n) {
            chatIntentNote = n;
            return this;
        }

        /** Line coverage per module, from JaCoCo's aggregate over the reactor. */
        public Builder coverage(List<CoverageFigure> modules) {
            coverage.addAll(modules);
            return this;
        }

        /** Something the reader must know: a section skipped or failed, and why. */
        public Builder note(String n) {
            notes.add(n);
            return this;
        }

        public ReportFigures build() {
            return new ReportFigures(
                    mode,
                    machine,
                    commands,
                    elapsed,
                    nabFiles,
                    nab,
                    cost,
                    latency,
                    load,
                    throughput,
                    footprint,
                    soak,
                    chatIntentNote,
                    coverage,
                    notes);
        }
    }
}
