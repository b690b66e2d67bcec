package io.smartcloudops.detect.forest;

import io.smartcloudops.detect.code.ValueCode;
import io.smartcloudops.detect.share.SharedParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A {@link StreamingIsolationForest}'s state: what every format shares (the parameters, the random
 * state, the count, the trees' boxes) and format 3, the one this build writes. Format 3 is a tag (-3,
 * where formats 1 and 2 begin with the shingle length, a positive number, so a reader tells them
 * apart), the parameters, the last values oldest first, the value code, the reservoir's 16-bit codes,
 * and the nodes a tree reaches in preorder, a split as its dimension and cut code, a leaf as one byte
 * (see {@link #writeLeaf}); no trees or boxes before the first growth. Formats 1 and 2 are {@link
 * LegacyForestCodec}'s. A build that reads only formats 1 and 2 takes format 3's tag for a shingle
 * length and calls the state corrupt: rolling back past format 3 needs a state written in format 2.
 */
final class ForestCodec {
    /** The format {@link #write} writes by default. */
    static final int FORMAT = 3;
    /** In format 3, the largest leaf size written in the node's byte alone, and the byte that says a size follows. */
    private static final int SHORT_LEAF = 126;

    private static final byte LONG_LEAF = Byte.MIN_VALUE;

    private ForestCodec() {}

    /** Writes {@code f} in {@code format} 1, 2 or 3 (see {@link StreamingIsolationForest#writeTo(DataOutput, int)}). */
    static void write(StreamingIsolationForest f, DataOutput out, int format) throws IOException {
        if (format < 1 || format > FORMAT) {
            throw new IllegalArgumentException(
                    "forest format " + format + " is not known; this build writes 1 to " + FORMAT);
        }
        if (format == FORMAT) {
            out.writeInt(-FORMAT);
        }
        f.p.writeTo(out);
        out.writeLong(f.random.state());
        out.writeLong(f.count);
        if (format != FORMAT) {
            LegacyForestCodec.writeBody(f, out, format);
            return;
        }
        for (double v : f.recent) {
            out.writeDouble(v);
        }
        out.writeBoolean(f.code != null);
        if (f.code != null) {
            out.writeDouble(f.code.center());
            out.writeDouble(f.code.scale());
        }
        out.writeInt(f.filled);
        for (int i = 0; i < f.filled * f.p.shingle(); i++) {
            out.writeShort(f.reservoir[i]);
        }
        out.writeBoolean(f.trees != null);
        if (f.trees == null) {
            return;
        }
        Slots slots = Slots.of(f);
        for (int t = 0; t < f.p.trees(); t++) {
            writeNode(slots, out, t * f.nodes, 0);
        }
        writeBoxes(f, out);
    }

    /**
     * A forest's trees as complete binary trees (the children of slot {@code k} at {@code 2k + 1} and {@code
     * 2k + 2}), the layout every format's trees are written from and read into: {@code dim} a slot's split
     * dimension, or -1 for a leaf, {@code split} its cut code or leaf size.
     */
    record Slots(byte[] dim, short[] split) {
        /** Empty slots, room for {@code f}'s trees. */
        static Slots empty(StreamingIsolationForest f) {
            return new Slots(new byte[f.p.trees() * f.nodes], new short[f.p.trees() * f.nodes]);
        }

        /** {@code f}'s trees, each slot no split leads to a leaf of size 0 (and all of them before the first growth). */
        static Slots of(StreamingIsolationForest f) {
            Slots s = empty(f);
            if (f.trees != null) {
                f.trees.expandInto(s.dim, s.split, f.nodes);
            } else {
                Arrays.fill(s.dim, (byte) -1);
            }
            return s;
        }

        /** These slots as {@code f}'s trees, with {@code box} their boxes. */
        GrownTrees plant(StreamingIsolationForest f, float[] box) {
            return GrownTrees.of(dim, split, f.p, f.nodes, box);
        }
    }

    private static void writeNode(Slots slots, DataOutput out, int root, int k) throws IOException {
        byte dim = slots.dim[root + k];
        if (dim < 0) {
            writeLeaf(out, slots.split[root + k]);
            return;
        }
        out.writeByte(dim);
        out.writeShort(slots.split[root + k]);
        writeNode(slots, out, root, 2 * k + 1);
        writeNode(slots, out, root, 2 * k + 2);
    }

    /**
     * A leaf of format 3: {@code -1 - size} in its one byte for the sizes up to 126 (all of them in trees
     * grown from up to 127 shingles, as the default's member is), else {@link #LONG_LEAF} and the size.
     * Format 2 wrote -1 and a two-byte size, a third of its trees' bytes.
     */
    private static void writeLeaf(DataOutput out, int size) throws IOException {
        if (size <= SHORT_LEAF) {
            out.writeByte(-1 - size);
        } else {
            out.writeByte(LONG_LEAF);
            out.writeShort(size);
        }
    }

    /** Each tree's box, low then high for each dimension (zeros before the first growth). */
    static void writeBoxes(StreamingIsolationForest f, DataOutput out) throws IOException {
        float[] box = f.trees != null ? f.trees.box() : new float[2 * f.p.trees() * f.p.shingle()];
        for (float v : box) {
            out.writeFloat(v);
        }
    }

    /** Reads format 3, whose tag says so, or else {@code untagged} (see {@link StreamingIsolationForest#readFrom(DataInput, int)}). */
    static StreamingIsolationForest read(DataInput in, int untagged, SharedParameters shared) throws IOException {
        int first = in.readInt();
        int format = first < 0 ? -first : untagged;
        if (format < 1 || format > FORMAT) {
            throw new IOException("forest format " + format + " is not known; this build reads 1 to " + FORMAT);
        }
        ForestParameters params = shared.canonical(ForestParameters.readFrom(first < 0 ? in.readInt() : first, in));
        StreamingIsolationForest f = new StreamingIsolationForest(params, new SplitMix64(in.readLong()));
        f.count = in.readLong();
        if (f.count < 0) {
            throw new IOException("a forest that has seen " + f.count + " samples");
        }
        if (format != FORMAT) {
            LegacyForestCodec.readBody(f, in, format);
            return f;
        }
        for (int i = 0; i < f.recent.length; i++) {
            f.recent[i] = in.readDouble();
        }
        if (in.readBoolean()) {
            f.code = new ValueCode(in.readDouble(), in.readDouble());
        }
        readFilled(f, in);
        if (f.filled > 0 && f.code == null) {
            throw new IOException("a reservoir of " + f.filled + " shingles without a value code");
        }
        for (int i = 0; i < f.filled * params.shingle(); i++) {
            f.reservoir[i] = in.readShort();
        }
        if (!readGrown(f, in)) {
            return f;
        }
        Slots slots = Slots.empty(f);
        for (int t = 0; t < params.trees(); t++) {
            readNode(f, slots, in, t * f.nodes, 0, 0);
        }
        f.trees = slots.plant(f, readBoxes(f, in));
        return f;
    }

    private static void readNode(StreamingIsolationForest f, Slots slots, DataInput in, int root, int k, int depth)
            throws IOException {
        byte dim = in.readByte();
        if (dim < 0) {
            slots.dim[root + k] = -1;
            slots.split[root + k] = checkedLeafSize(f, dim != LONG_LEAF ? (short) (-1 - dim) : in.readShort());
            return;
        }
        checkSplit(f, dim, depth);
        slots.dim[root + k] = dim;
        slots.split[root + k] = in.readShort();
        readNode(f, slots, in, root, 2 * k + 1, depth + 1);
        readNode(f, slots, in, root, 2 * k + 2, depth + 1);
    }

    static void readFilled(StreamingIsolationForest f, DataInput in) throws IOException {
        f.filled = in.readInt();
        if (f.filled < 0 || f.filled > f.p.window()) {
            throw new IOException("reservoir holds " + f.filled + " shingles, room for " + f.p.window());
        }
    }

    /** Whether the state says the forest has grown its trees (which then follow). */
    static boolean readGrown(StreamingIsolationForest f, DataInput in) throws IOException {
        boolean grown = in.readBoolean();
        if (grown && f.code == null) {
            throw new IOException("a grown forest without a value code");
        }
        return grown;
    }

    /** Each tree's box, low then high for each dimension. */
    static float[] readBoxes(StreamingIsolationForest f, DataInput in) throws IOException {
        float[] box = new float[2 * f.p.trees() * f.p.shingle()];
        for (int i = 0; i < box.length; i++) {
            box[i] = in.readFloat();
        }
        return box;
    }

    static void checkSplit(StreamingIsolationForest f, byte dim, int depth) throws IOException {
        if (dim >= f.p.shingle() || depth >= f.p.depthLimit()) {
            throw new IOException("a split on dimension " + dim + " at depth " + depth + ", shingles have "
                    + f.p.shingle() + " dimensions and trees " + f.p.depthLimit() + " levels");
        }
    }

    static short checkedLeafSize(StreamingIsolationForest f, short size) throws IOException {
        if (size < 0 || size > f.p.sampleSize()) {
            throw new IOException("a leaf holds " + size + " shingles, a tree is grown from " + f.p.sampleSize());
        }
        return size;
    }
}
