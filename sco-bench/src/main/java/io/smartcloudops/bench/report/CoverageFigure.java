package io.smartcloudops.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Line coverage of one module, from JaCoCo's aggregate CSV ({@code mvn verify} writes it to
 * {@code sco-examples/target/site/jacoco-aggregate/jacoco.csv}).
 */
public record CoverageFigure(String module, long coveredLines, long missedLines) {

    public double percent() {
        long all = coveredLines + missedLines;
        return all == 0 ? 0 : 100.0 * coveredLines / all;
    }

    /** One figure per module (the CSV's group, last path part), in file order. */
    public static List<CoverageFigure> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty");
        }
        List<String> header = List.of(lines.get(0).split(","));
        int group = header.indexOf("GROUP");
        int missed = header.indexOf("LINE_MISSED");
        int covered = header.indexOf("LINE_COVERED");
        if (group < 0 || missed < 0 || covered < 0) {
            throw new IOException(csv + " is not a JaCoCo CSV report (no GROUP, LINE_MISSED, LINE_COVERED columns)");
        }
        Map<String, long[]> byModule = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length <= Math.max(group, Math.max(missed, covered))) {
                continue;
            }
            String name = cells[group].substring(cells[group].lastIndexOf('/') + 1);
            long[] sums = byModule.computeIfAbsent(name, k -> new long[2]);
            sums[0] += Long.parseLong(cells[covered]);
            sums[1] += Long.parseLong(cells[missed]);
        }
        List<CoverageFigure> out = new ArrayList<>();
        byModule.forEach((name, sums) -> out.add(new CoverageFigure(name, sums[0], sums[1])));
        return out;
    }

    /** All modules together. */
    public static CoverageFigure total(List<CoverageFigure> modules) {
        return new CoverageFigure(
                "all",
                modules.stream().mapToLong(CoverageFigure::coveredLines).sum(),
                modules.stream().mapToLong(CoverageFigure::missedLines).sum());
    }
}
