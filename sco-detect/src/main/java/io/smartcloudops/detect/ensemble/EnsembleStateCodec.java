package io.smartcloudops.detect.ensemble;

import io.smartcloudops.api.detect.DetectorState;
import io.smartcloudops.api.detect.Direction;
import io.smartcloudops.detect.forest.StreamingIsolationForest;
import io.smartcloudops.detect.likelihood.AnomalyLikelihood;
import io.smartcloudops.detect.seasonal.SeasonalForecaster;
import io.smartcloudops.detect.share.SharedParameters;
import io.smartcloudops.detect.svm.FeatureMaps;
import io.smartcloudops.detect.svm.OneClassSvm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The default ensemble's state layout: {@link #write} writes the current version, {@link #read} reads
 * every version since the first. Apart from {@link EnsembleDetector} so that the detector holds the
 * scoring and this class the versions' history; a restore shares the factory's feature map, parameter
 * records and explanations, which is why a reader is made with them.
 */
final class EnsembleStateCodec {
    /**
     * Version 2 added the level members and the gate's quiet period, version 3 the context member,
     * version 4 bounded the quiet period (a number of samples, no longer a share of those seen),
     * version 5 writes the forest's trees compactly (its format 2, about 1.7 KB smaller), version 6
     * the season as 16-bit codes (the forecaster's format 2) and the contexts seen as a list while
     * they are few, version 7 adds the daily profile (about 250 bytes), version 8 the value records' counts of
     * confident samples (a {@link ConfidentRate} each) and the whole values' floor and ceiling ({@link
     * WholeExtremes}), 24 bytes, version 9 the levels sustained ({@link SustainedLevels}), 16 bytes, version 10
     * the deviating run member (two {@link RunDeviation}s and their tail fits, and its weight in the parameters),
     * version 11 the raw record's usual overshoots ({@link RecordOvershoots}), 24 bytes, version 12 the fast level
     * record's, 24 bytes; versions 1 to 11 are still read (what later versions added starts at the restore, the run
     * member weighted 0 before 10).
     */
    static final int STATE_VERSION = 12;

    private final FeatureMaps maps;
    private final SharedParameters shared;
    private final ReasonTexts reasons;

    /** A reader whose detectors share {@code maps}, {@code shared}'s records and {@code reasons} (the factory's). */
    EnsembleStateCodec(FeatureMaps maps, SharedParameters shared, ReasonTexts reasons) {
        this.maps = maps;
        this.shared = shared;
        this.reasons = reasons;
    }

    /** The state of {@code d}, in the current version's layout. */
    static DetectorState write(EnsembleDetector d) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            d.params.writeTo(out);
            out.writeByte(d.direction.ordinal());
            d.seasonal.writeTo(out);
            d.forest.writeTo(out);
            d.svm.writeTo(out);
            for (AnomalyLikelihood c : d.calibrators) {
                c.writeTo(out);
            }
            d.stabiliser.writeTo(out);
            d.range.writeTo(out);
            d.adjustedRange.writeTo(out);
            d.level.writeTo(out);
            d.slowLevel.writeTo(out);
            d.context.writeTo(out);
            out.writeLong(d.count);
            d.gate.writeTo(out);
            out.writeDouble(d.meanResidual);
            out.writeDouble(d.meanAbsResidual);
            d.daily.writeTo(out);
            d.rawRate.writeTo(out);
            d.adjustedRate.writeTo(out);
            d.wholeExtremes.writeTo(out);
            d.sustained.writeTo(out);
            d.shortRun.writeTo(out);
            d.longRun.writeTo(out);
            d.shortRunCalibrator.writeTo(out);
            d.longRunCalibrator.writeTo(out);
            d.rawOvershoots.writeTo(out);
            d.levelOvershoots.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DetectorState(DefaultEnsembleProvider.NAME, STATE_VERSION, bytes.toByteArray());
    }

    /** The detector {@code state} holds, in any version from 1 to {@link #STATE_VERSION}. */
    EnsembleDetector read(DetectorState state) {
        if (state.version() < 1 || state.version() > STATE_VERSION) {
            throw new IllegalArgumentException("default ensemble state version " + state.version()
                    + " is not known; this build reads 1 to " + STATE_VERSION);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
            int version = state.version();
            EnsembleParameters params = shared.canonical(EnsembleParameters.readFrom(in, version));
            Direction direction = Direction.values()[in.readByte()];
            SeasonalForecaster seasonal = SeasonalForecaster.readFrom(in, version < 6 ? 1 : 2, shared);
            StreamingIsolationForest forest = StreamingIsolationForest.readFrom(in, version < 5 ? 1 : 2, shared);
            OneClassSvm svm = OneClassSvm.readFrom(in, maps, shared);
            AnomalyLikelihood[] calibrators = new AnomalyLikelihood[EnsembleDetector.CALIBRATED];
            for (int i = 0; i < calibrators.length; i++) {
                calibrators[i] = AnomalyLikelihood.readFrom(in, shared);
            }
            EnsembleDetector d = new EnsembleDetector(
                    params,
                    reasons,
                    direction,
                    seasonal,
                    forest,
                    svm,
                    calibrators,
                    VarianceStabiliser.readFrom(in),
                    RangeNovelty.readFrom(in),
                    RangeNovelty.readFrom(in),
                    // version 1 had no level members: fresh ones (weighted 0 by its parameters) keep its scores
                    version == 1
                            ? new LevelNovelty(EnsembleDetector.AVERAGING, params.extremeMemory())
                            : LevelNovelty.readFrom(in),
                    version == 1
                            ? new LevelNovelty(EnsembleDetector.SLOW_AVERAGING, params.extremeMemory())
                            : LevelNovelty.readFrom(in),
                    // versions before 3 had no context member: a fresh one (weighted 0 by their parameters) keeps their
                    // scores
                    version < 3
                            ? new ContextNovelty(params.extremeMemory())
                            : ContextNovelty.readFrom(in, version < 6 ? 1 : 2),
                    // read last, below; versions before 7 had none (and their parameters leave it unused)
                    new DailyProfile(params.seasonal().maxPeriod()));
            d.count = in.readLong();
            if (version == 1) {
                d.gate.readVersion1(in);
            } else if (version < 4) {
                d.gate.readGrowingQuiet(in, d.count);
            } else {
                d.gate.readFrom(in);
            }
            d.meanResidual = in.readDouble();
            d.meanAbsResidual = in.readDouble();
            if (version >= 7) {
                d.daily = DailyProfile.readFrom(in);
            }
            // versions before 8 counted no confident samples: counting starts now, so the records speak as they did
            // until they have been confident more often than they claim since the restore
            if (version >= 8) {
                d.rawRate = ConfidentRate.readFrom(in);
                d.adjustedRate = ConfidentRate.readFrom(in);
                d.wholeExtremes = WholeExtremes.readFrom(in);
            }
            // versions before 9 kept no sustained levels: they start at the restore (the fast level judged as before
            // until the slow one has been somewhere)
            if (version >= 9) {
                d.sustained = SustainedLevels.readFrom(in);
            }
            // versions before 10 had no deviating run member: a fresh one (weighted 0 by their parameters)
            if (version >= 10) {
                d.shortRun = RunDeviation.readFrom(in);
                d.longRun = RunDeviation.readFrom(in);
                d.shortRunCalibrator = AnomalyLikelihood.readFrom(in, shared);
                d.longRunCalibrator = AnomalyLikelihood.readFrom(in, shared);
            }
            // versions before 11 kept no overshoots: they start at the restore, the first records judged as before
            if (version >= 11) {
                d.rawOvershoots = RecordOvershoots.readFrom(in);
            }
            // versions before 12 kept no level overshoots: they start at the restore, as the raw record's did in 11
            if (version >= 12) {
                d.levelOvershoots = RecordOvershoots.readFrom(in);
            }
            return d;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt default ensemble state: " + e.getMessage(), e);
        }
    }
}
