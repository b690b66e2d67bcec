package io.smartcloudops.detect.likelihood;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a named detector turns its raw measure into a calibrated score ({@link CalibratedScorer}): the
 * tail fit of {@link AnomalyLikelihood} and the {@link AlarmGate} that keeps one incident to one alarm.
 * Configured under a detector's {@code calibration} section, e.g. {@code detectors.iforest.calibration.memory}.
 *
 * @param tailQuantile share of raw scores below the peaks-over-threshold threshold, in (0.5, 1)
 * @param memory samples the raw score distribution remembers
 * @param warmup samples before any surprise is reported
 * @param refractoryHalfLife samples over which the gate's memory of a reported surprise halves
 * @param echo share of a surprise reported while a larger one is remembered, in [0, 1]
 * @param quietSurprisal surprisal from which an alarm starts a quiet period
 * @param quietSamples quiet period after a confident alarm, in samples (0: none)
 * @param learnAlarms whether a raw value scored as a confident alarm (surprisal at least {@code
 *     quietSurprisal}) is learnt into the tail fit, as the default's members learn it: only as large as a
 *     confident alarm ({@link AnomalyLikelihood#rawAt}), so the fit learns that an alarm happened but not
 *     how far beyond the tail it went; off, a repeat of the same fault is not judged against the earlier
 *     ones, but a lasting change of scale takes longer to become normal
 */
public record CalibrationParameters(
        double tailQuantile,
        double memory,
        int warmup,
        double refractoryHalfLife,
        double echo,
        double quietSurprisal,
        int quietSamples,
        boolean learnAlarms) {
    /** The section of a detector's configuration these are read from. */
    public static final String SECTION = "calibration";

    static final Set<String> KEYS = Set.of(
            "tail_quantile",
            "memory",
            "warmup",
            "refractory_half_life",
            "echo",
            "quiet_surprisal",
            "quiet_samples",
            "learn_alarms");

    public CalibrationParameters {
        if (!(tailQuantile > 0.5 && tailQuantile < 1) || !(memory >= 10) || warmup < 2) {
            throw new ConfigException("calibration: tail_quantile in (0.5, 1), memory >= 10 and warmup >= 2 required");
        }
        if (!(refractoryHalfLife > 0) || !(echo >= 0 && echo <= 1) || !(quietSurprisal > 0) || quietSamples < 0) {
            throw new ConfigException(
                    "calibration: refractory_half_life > 0, echo in [0, 1], quiet_surprisal > 0, quiet_samples >= 0 required");
        }
    }

    /**
     * The named detectors' common defaults (each detector sets its own tail quantile with {@link
     * #withTailQuantile}): a memory of 10,000 samples; the gate's constants are the default ensemble's,
     * not tuned again (a half-life of 150 samples, an echo of 0.3, no quiet period); alarms are learnt.
     * The quantile and memory were cross-validated, leave one NAB category out, over {0.98, 0.99, 0.995}
     * x {2,000, 10,000}; see docs/benchmarks/REPORT.md.
     */
    public static CalibrationParameters defaults() {
        return new CalibrationParameters(0.995, 10_000, 100, 150, 0.3, 4.5, 0, true);
    }

    /** These settings with another tail quantile. */
    public CalibrationParameters withTailQuantile(double quantile) {
        return new CalibrationParameters(
                quantile, memory, warmup, refractoryHalfLife, echo, quietSurprisal, quietSamples, learnAlarms);
    }

    /** Reads a {@code calibration} section, {@code d}'s values for absent keys. */
    public static CalibrationParameters from(ProviderConfig c, CalibrationParameters d) {
        c.requireOnly(KEYS);
        return new CalibrationParameters(
                c.number("tail_quantile", d.tailQuantile),
                c.number("memory", d.memory),
                c.integer("warmup", d.warmup),
                c.number("refractory_half_life", d.refractoryHalfLife),
                c.number("echo", d.echo),
                c.number("quiet_surprisal", d.quietSurprisal),
                c.integer("quiet_samples", d.quietSamples),
                c.bool("learn_alarms", d.learnAlarms));
    }

    /** The calibration of a detector's configuration section {@code c}: its {@value #SECTION} section, {@code d}'s values for absent keys. */
    public static CalibrationParameters of(ProviderConfig c, CalibrationParameters d) {
        return from(c.section(SECTION), d);
    }

    /** A detector's configuration section {@code c} without its {@value #SECTION} section, for the detector's own parameters. */
    public static ProviderConfig without(ProviderConfig c) {
        Map<String, Object> rest = new LinkedHashMap<>(c.asMap());
        rest.remove(SECTION);
        return ProviderConfig.of(c.path(), rest);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(tailQuantile);
        out.writeDouble(memory);
        out.writeInt(warmup);
        out.writeDouble(refractoryHalfLife);
        out.writeDouble(echo);
        out.writeDouble(quietSurprisal);
        out.writeInt(quietSamples);
        out.writeBoolean(learnAlarms);
    }

    static CalibrationParameters readFrom(DataInput in) throws IOException {
        return new CalibrationParameters(
                in.readDouble(),
                in.readDouble(),
                in.readInt(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readInt(),
                in.readBoolean());
    }
}
