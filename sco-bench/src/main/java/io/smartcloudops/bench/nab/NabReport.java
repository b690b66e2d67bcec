package io.smartcloudops.bench.nab;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The markdown table of NAB scores: our detectors first, then the published reference detectors. */
public final class NabReport {
    private final List<CostProfile> profiles;
    private final StringBuilder rows = new StringBuilder();
    private final StringBuilder details = new StringBuilder();

    public NabReport(List<CostProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    public NabReport add(String detector, Map<String, ProfileScore> scores) {
        rows.append("| ").append(detector);
        for (CostProfile p : profiles) {
            rows.append(" | ")
                    .append(String.format(
                            Locale.ROOT, "%.2f", scores.get(p.name()).normalised()));
        }
        rows.append(" |\n");
        return this;
    }

    /** Adds a row of normalised scores, one a profile. */
    public NabReport addRow(String label, Map<String, Double> normalised) {
        rows.append("| ").append(label);
        for (CostProfile p : profiles) {
            rows.append(" | ").append(String.format(Locale.ROOT, "%.2f", normalised.get(p.name())));
        }
        rows.append(" |\n");
        return this;
    }

    /**
     * Adds two rows for a cross-validated detector: the in-sample figure (grid point and threshold
     * chosen on all files) and the leave-one-category-out figure, the honest one; and a section
     * listing what each fold chose.
     */
    public NabReport addCrossValidated(String detector, NabCrossValidation.CvOutcome cv) {
        rows.append("| ")
                .append(detector)
                .append(" in-sample, tuned over ")
                .append(cv.gridPoints())
                .append(" grid point(s)");
        for (CostProfile p : profiles) {
            rows.append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", cv.inSample().get(p.name())));
        }
        rows.append(" |\n| ").append(detector).append(" **cross-validated** (leave one category out)");
        for (CostProfile p : profiles) {
            rows.append(" | ")
                    .append(String.format(
                            Locale.ROOT, "**%.2f**", cv.crossValidated().get(p.name())));
        }
        rows.append(" |\n");
        details.append("\n### ")
                .append(detector)
                .append(
                        " cross-validation folds\n\n| held out | profile | chosen settings | threshold | held-out raw |\n|---|---|---|---|---|\n");
        for (NabCrossValidation.FoldChoice f : cv.folds()) {
            details.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.5f | %.3f |%n",
                    f.heldOut(),
                    f.profile(),
                    f.settings().isEmpty() ? "defaults" : new TreeMap<>(f.settings()),
                    f.threshold(),
                    f.heldOutRaw()));
        }
        return this;
    }

    /** Adds the per-file breakdown of one detector under the first profile (the standard one in NAB). */
    public NabReport addDetails(String detector, Map<String, ProfileScore> scores) {
        ProfileScore s = scores.get(profiles.get(0).name());
        details.append("\n### ")
                .append(detector)
                .append(" per file (")
                .append(s.profile().name())
                .append(String.format(Locale.ROOT, ", threshold %.5f)%n%n", s.threshold()))
                .append("| file | score | windows detected | false positives |\n|---|---|---|---|\n");
        for (FileScore f : s.files()) {
            details.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %d/%d | %d |%n",
                    f.relativePath(),
                    f.score(),
                    f.detectedWindows(),
                    f.windows(),
                    f.falsePositives()));
        }
        return this;
    }

    public String table() {
        StringBuilder sb = new StringBuilder("| detector");
        profiles.forEach(p -> sb.append(" | ").append(p.name()));
        sb.append(" |\n|---");
        profiles.forEach(p -> sb.append("|---"));
        sb.append("|\n").append(rows);
        return sb.toString();
    }

    public String markdown(String title) {
        return "# " + title + "\n\n" + table() + details;
    }
}
