package io.smartcloudops.detect.forest;

import io.smartcloudops.detect.code.ValueCode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Formats 1 and 2 of a {@link StreamingIsolationForest}'s state, from before its values were coded
 * (after the parameters, random state and count that {@link ForestCodec} reads and writes for every
 * format). Both have no tag, hold the last values in a ring indexed by the count and the reservoir and
 * the cut points as floats; format 2 writes the nodes a tree reaches in preorder (a leaf as -1 and a
 * two-byte size), format 1 every slot of every tree, unreached ones included, with both a cut point
 * and a size. Ensemble states before version 5 and iforest states before 3 hold format 1. They are
 * written only for a reader that knows no later format (a rollback, or a test building an older
 * version's layout); a forest read from them is coded as it loads.
 */
final class LegacyForestCodec {
    private LegacyForestCodec() {}

    /**
     * Writes the rest of format 1 or 2, with the values decoded from their codes and each cut point
     * halfway between two codes (read back, they are coded afresh, so the forest is close to, not the
     * same as, {@code f}).
     */
    static void writeBody(StreamingIsolationForest f, DataOutput out, int format) throws IOException {
        // the older formats kept the last values in a ring indexed by the count
        double[] ring = new double[f.recent.length];
        for (int i = 0; i < f.recent.length; i++) {
            long sample = f.count - f.recent.length + i;
            if (sample >= 0) {
                ring[(int) (sample % ring.length)] = f.recent[i];
            }
        }
        for (double v : ring) {
            out.writeDouble(v);
        }
        out.writeInt(f.filled);
        for (int i = 0; i < f.filled * f.p.shingle(); i++) {
            out.writeFloat((float) f.code.decode(f.reservoir[i]));
        }
        out.writeBoolean(f.trees != null);
        ForestCodec.Slots slots = ForestCodec.Slots.of(f);
        if (format == 1) {
            // every slot, the unreached ones as leaves of size 0
            for (int i = 0; i < slots.dim().length; i++) {
                out.writeByte(slots.dim()[i]);
                out.writeFloat(slots.dim()[i] < 0 ? 0f : cutPoint(f, slots, i));
                out.writeShort(slots.dim()[i] < 0 ? slots.split()[i] : 0);
            }
        } else if (f.trees == null) {
            return;
        } else {
            for (int t = 0; t < f.p.trees(); t++) {
                writeNode(f, slots, out, t * f.nodes, 0);
            }
        }
        ForestCodec.writeBoxes(f, out);
    }

    /** The value a cut code stands for in the older formats: halfway between the codes either side of it. */
    private static float cutPoint(StreamingIsolationForest f, ForestCodec.Slots slots, int node) {
        return (float) f.code.decode(slots.split()[node] - 0.5);
    }

    private static void writeNode(StreamingIsolationForest f, ForestCodec.Slots slots, DataOutput out, int root, int k)
            throws IOException {
        byte dim = slots.dim()[root + k];
        out.writeByte(dim);
        if (dim < 0) {
            out.writeShort(slots.split()[root + k]);
            return;
        }
        out.writeFloat(cutPoint(f, slots, root + k));
        writeNode(f, slots, out, root, 2 * k + 1);
        writeNode(f, slots, out, root, 2 * k + 2);
    }

    /**
     * Reads the rest of format 1 or 2 into {@code f}, coding it as it loads: its reservoir in a code
     * centred on the values' midrange, each cut point as the first code above it.
     */
    static void readBody(StreamingIsolationForest f, DataInput in, int format) throws IOException {
        double[] ring = new double[f.recent.length];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = in.readDouble();
        }
        for (int i = 0; i < ring.length; i++) {
            long sample = f.count - ring.length + i;
            f.recent[i] = sample >= 0 ? ring[(int) (sample % ring.length)] : 0.0;
        }
        ForestCodec.readFilled(f, in);
        float[] values = new float[f.filled * f.p.shingle()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        f.code = codeFor(values);
        for (int i = 0; i < values.length; i++) {
            f.reservoir[i] = f.code.code(values[i]);
        }
        boolean grown = ForestCodec.readGrown(f, in);
        ForestCodec.Slots slots = ForestCodec.Slots.empty(f);
        if (format == 1) {
            for (int i = 0; i < slots.dim().length; i++) {
                slots.dim()[i] = in.readByte();
                float cut = in.readFloat();
                short size = in.readShort();
                slots.split()[i] = slots.dim()[i] < 0 ? ForestCodec.checkedLeafSize(f, size) : cutCode(f, cut);
            }
        } else if (grown) {
            for (int t = 0; t < f.p.trees(); t++) {
                readNode(f, slots, in, t * f.nodes, 0, 0);
            }
        } else {
            return;
        }
        float[] box = ForestCodec.readBoxes(f, in);
        if (grown) {
            f.trees = slots.plant(f, box);
        }
    }

    /** A code for the values of an older format's reservoir, centred on their midrange; null if there are none. */
    private static ValueCode codeFor(float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return values.length == 0 ? null : ValueCode.around(0, 0);
        }
        return ValueCode.around(lo + (hi - lo) / 2, (hi - lo) / 2);
    }

    /** The cut code of an older format's cut point: the codes below it are those of values below it, up to rounding. */
    private static short cutCode(StreamingIsolationForest f, float cut) {
        double exact = f.code.exact(cut);
        return (short) Math.max(-ValueCode.MAX, Math.min(ValueCode.MAX, Math.ceil(exact)));
    }

    private static void readNode(
            StreamingIsolationForest f, ForestCodec.Slots slots, DataInput in, int root, int k, int depth)
            throws IOException {
        byte dim = in.readByte();
        if (dim < 0) {
            slots.dim()[root + k] = -1;
            slots.split()[root + k] = ForestCodec.checkedLeafSize(f, in.readShort());
            return;
        }
        ForestCodec.checkSplit(f, dim, depth);
        slots.dim()[root + k] = dim;
        slots.split()[root + k] = cutCode(f, in.readFloat());
        readNode(f, slots, in, root, 2 * k + 1, depth + 1);
        readNode(f, slots, in, root, 2 * k + 2, depth + 1);
    }
}
