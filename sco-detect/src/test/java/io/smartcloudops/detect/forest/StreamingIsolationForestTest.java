package io.smartcloudops.detect.forest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreamingIsolationForestTest {
    /**
     * Scores on a generated series, recorded before the forest cached the codes of its recent values
     * (issue #15): a digest of every score's bits per case and every 250th score, so a change that moves
     * any score by one bit fails here. The series spikes a billion-fold (the code widens), shifts its
     * level a hundred-fold and then goes negative (the code is re-centred), and holds NaN and an infinity;
     * some cases are written and read back halfway, in format 3 and in the older formats 1 and 2.
     */
    @Test
    void scoresAGeneratedSeriesBitForBitAsRecorded() throws IOException {
        List<String> measured = new ArrayList<>();
        ForestParameters small = new ForestParameters(4, 64, 3, 16, 16, 200);
        ForestParameters member = new ForestParameters(2, 256, 8, 32, 256, 5000);
        record("defaults-plain", ForestParameters.defaults(), false, 0, measured);
        record("defaults-weighted", ForestParameters.defaults(), true, 0, measured);
        record("small-weighted", small, true, 0, measured);
        record("member-plain", member, false, 0, measured);
        record("defaults-weighted-format3-at-1500", ForestParameters.defaults(), true, 3, measured);
        record("small-plain-format2-at-1500", small, false, 2, measured);
        record("member-plain-format1-at-1500", member, false, 1, measured);

        assertThat(String.join("\n", measured)).isEqualTo(recorded());
    }

    private static void record(
            String name, ForestParameters params, boolean rangeWeighted, int rewriteIn, List<String> into)
            throws IOException {
        StreamingIsolationForest f = new StreamingIsolationForest(params, 17);
        MessageDigest digest = sha256();
        ByteBuffer bits = ByteBuffer.allocate(Long.BYTES);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 3000; i++) {
            if (rewriteIn > 0 && i == 1500) {
                f = rewritten(f, rewriteIn);
            }
            double s = f.update(value(i, r), rangeWeighted);
            bits.clear();
            digest.update(bits.putLong(Double.doubleToLongBits(s)).array());
            if (i % 250 == 249) {
                into.add(name + " " + i + " " + s);
            }
        }
        into.add(name + " sha256 " + HexFormat.of().formatHex(digest.digest()));
    }

    private static double value(int i, SplittableRandom r) {
        double noise = r.nextGaussian();
        if (i == 500) {
            return 1e11;
        }
        if (i == 1200 || i == 1201) {
            return Double.NaN;
        }
        if (i == 2100) {
            return Double.POSITIVE_INFINITY;
        }
        double level = i < 1000 ? 100 : i < 2000 ? 10_000 : -50;
        return level + Math.abs(level) * 0.1 * Math.sin(i * 2 * Math.PI / 96) + Math.abs(level) * 0.02 * noise;
    }

    private static StreamingIsolationForest rewritten(StreamingIsolationForest f, int format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            f.writeTo(out, format);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return StreamingIsolationForest.readFrom(in, format == 1 ? 1 : 2);
        }
    }

    private static String recorded() throws IOException {
        try (InputStream in = StreamingIsolationForestTest.class.getResourceAsStream("forest-scores.txt")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
