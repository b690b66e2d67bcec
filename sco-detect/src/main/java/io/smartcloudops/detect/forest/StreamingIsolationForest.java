package io.smartcloudops.detect.forest;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Isolation forest (Liu, Ting and Zhou, 2008) over shingles, the last {@code shingle} samples taken
 * together so that jumps and shapes, not only levels, are judged. The trees are regrown every
 * {@code rebuildEvery} samples from a sliding reservoir: a biased reservoir sample (Aggarwal, 2006)
 * of {@code window} shingles in which every shingle has an equal chance while fewer than
 * {@code horizon} have been seen, after which older shingles fade out exponentially. Shingles are kept in single precision, ample for cut points. The forest thus
 * remembers what a whole week looked like, not only the last hours, yet follows lasting change. A
 * shingle is scored against trees grown from the past only. Isolation forests need no scaling: cuts
 * are drawn within each dimension's range. Memory: the reservoir plus
 * {@code trees * (2^(depth + 1) - 1)} small nodes.
 *
 * <pre>{@code
 * StreamingIsolationForest f = new StreamingIsolationForest(ForestParameters.defaults(), seed);
 * double s = f.update(x); // isolation score in (0, 1); above 0.5 is easier to isolate than usual
 * }</pre>
 */
public final class StreamingIsolationForest {
    private final ForestParameters p;
    private final int nodes;
    private final SplitMix64 random;
    private final double[] recent;
    private final float[] reservoir;
    private int filled;
    private long count;
    private boolean grown;
    /** A node's split dimension, or -1 for a leaf. */
    private final byte[] splitDim;
    /**
     * A split's cut point, or a leaf's size: a node is one or the other, and a size up to 2^24 is exact in a
     * float, so one array serves both (a separate {@code short[]} of sizes was a sixth of the live forest).
     */
    private final float[] splitValue;

    private final float[] boxLow;
    private final float[] boxHigh;
    /** {@link #averagePath} for every leaf size a tree can have: a logarithm per tree per point was most of the scoring. */
    private final double[] leafPath;
    /** Scratch: the shingle being scored, and the reservoir slots a tree is grown from. */
    private final double[] point;

    private final int[] sample;

    public StreamingIsolationForest(ForestParameters params, long seed) {
        this(params, new SplitMix64(seed));
    }

    private StreamingIsolationForest(ForestParameters params, SplitMix64 random) {
        this.p = params;
        this.random = random;
        this.nodes = (1 << (params.depthLimit() + 1)) - 1;
        this.recent = new double[params.shingle()];
        this.reservoir = new float[params.window() * params.shingle()];
        this.splitDim = new byte[params.trees() * nodes];
        this.splitValue = new float[params.trees() * nodes];
        this.boxLow = new float[params.trees() * params.shingle()];
        this.boxHigh = new float[params.trees() * params.shingle()];
        this.leafPath = new double[params.sampleSize() + 1];
        for (int n = 0; n < leafPath.length; n++) {
            leafPath[n] = averagePath(n);
        }
        this.point = new double[params.shingle()];
        this.sample = new int[params.sampleSize()];
    }

    /** Scores the shingle ending with {@code x} against the forest (0.5 until it has grown), then learns it. */
    public double update(double x) {
        return update(x, false);
    }

    /**
     * As {@link #update(double)}; with {@code rangeWeighted}, a point outside a tree's box is cut off at
     * every node with the chance that a cut whose dimension is drawn in proportion to the box's ranges
     * (widened to include the point), as Random Cut Forest draws it, falls in the widening, summed over
     * all dimensions. The node's own split dimension alone, as without it, sees a value far out in one
     * of eight dimensions at only some of the nodes on its path, so a lone spike in a long shingle barely
     * isolates.
     */
    public double update(double x, boolean rangeWeighted) {
        recent[(int) (count % recent.length)] = x;
        count++;
        if (count < p.shingle()) {
            return 0.5;
        }
        double[] point = this.point;
        for (int i = 0; i < point.length; i++) {
            point[i] = recent[(int) ((count - point.length + i) % recent.length)];
        }
        double score = grown ? score(point, rangeWeighted) : 0.5;
        keep(point);
        if (filled >= p.sampleSize() && count % p.rebuildEvery() == 0) {
            grow();
        }
        return score;
    }

    /** Biased reservoir sampling: append while there is room, then replace a random slot with probability max(window / n, window / horizon). */
    private void keep(double[] point) {
        long seen = count - p.shingle() + 1;
        int slot;
        if (filled < p.window()) {
            slot = filled++;
        } else {
            double admit = Math.max(p.window() / (double) seen, p.window() / p.horizon());
            if (random.nextDouble() >= admit) {
                return;
            }
            slot = random.nextInt(p.window());
        }
        for (int i = 0; i < point.length; i++) {
            reservoir[slot * p.shingle() + i] = (float) point[i];
        }
    }

    private double score(double[] point, boolean rangeWeighted) {
        double total = 0;
        for (int t = 0; t < p.trees(); t++) {
            total += rangeWeighted ? rangeWeightedPathLength(t, point) : pathLength(t, point);
        }
        return Math.pow(2, -(total / p.trees()) / leafPath[p.sampleSize()]);
    }

    /**
     * The expected depth at which a tree grown with this point in it would isolate it. The grown tree
     * lacks the point, so at each split the point is also cut off with the chance that a cut on that
     * dimension, drawn across the tree's range widened to include the point, falls in the widening
     * (the tree's root range stands in for the node's, which makes the estimate conservative).
     */
    private double pathLength(int tree, double[] point) {
        int root = tree * nodes;
        int box = tree * point.length;
        int k = 0;
        int depth = 0;
        double survive = 1.0;
        double expected = 0.0;
        while (splitDim[root + k] >= 0) {
            int d = splitDim[root + k];
            // comparisons rather than Math.max, which is several times slower on doubles; NaN still cuts nothing off
            double below = boxLow[box + d] - point[d];
            double above = point[d] - boxHigh[box + d];
            double furthest = below > above ? below : above;
            double outside = furthest > 0 ? furthest : 0.0;
            double cutOff = outside > 0 ? outside / (boxHigh[box + d] - boxLow[box + d] + outside) : 0.0;
            expected += survive * cutOff * (depth + 1);
            survive *= 1 - cutOff;
            k = point[d] < splitValue[root + k] ? 2 * k + 1 : 2 * k + 2;
            depth++;
        }
        return expected + survive * (depth + leafPath[(int) splitValue[root + k]]);
    }

    /**
     * {@link #pathLength} with the cut-off chance of {@link #update(double, boolean)}: the same at every
     * node (the tree's root box stands in for each node's), {@code sum(outside) / sum(range + outside)}
     * over the dimensions.
     */
    private double rangeWeightedPathLength(int tree, double[] point) {
        int root = tree * nodes;
        int box = tree * point.length;
        double outsideSum = 0;
        double rangeSum = 0;
        for (int d = 0; d < point.length; d++) {
            double below = boxLow[box + d] - point[d];
            double above = point[d] - boxHigh[box + d];
            double furthest = below > above ? below : above;
            outsideSum += furthest > 0 ? furthest : 0.0;
            double range = boxHigh[box + d] - boxLow[box + d];
            rangeSum += range == range ? range : 0.0;
        }
        double total = rangeSum + outsideSum;
        double cutOff = outsideSum > 0 && total > 0 ? outsideSum / total : 0.0;
        int k = 0;
        int depth = 0;
        double survive = 1.0;
        double expected = 0.0;
        while (splitDim[root + k] >= 0) {
            int d = splitDim[root + k];
            expected += survive * cutOff * (depth + 1);
            survive *= 1 - cutOff;
            k = point[d] < splitValue[root + k] ? 2 * k + 1 : 2 * k + 2;
            depth++;
        }
        return expected + survive * (depth + leafPath[(int) splitValue[root + k]]);
    }

    /** Average path length of an unsuccessful search in a binary search tree of n points. */
    static double averagePath(int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1.0) + 0.5772156649) - 2.0 * (n - 1) / n;
    }

    /** Grows every tree from its own draw of reservoir slots; the slots index the reservoir in place, nothing is copied. */
    private void grow() {
        int[] sample = this.sample;
        int dims = p.shingle();
        for (int t = 0; t < p.trees(); t++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = random.nextInt(filled) * dims;
            }
            for (int d = 0; d < dims; d++) {
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                boolean nan = false;
                for (int base : sample) {
                    float v = reservoir[base + d];
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                    nan |= v != v;
                }
                boxLow[t * p.shingle() + d] = nan ? Float.NaN : lo;
                boxHigh[t * p.shingle() + d] = nan ? Float.NaN : hi;
            }
            growNode(t * nodes, 0, sample, 0, sample.length, 0);
        }
        grown = true;
    }

    /** {@code s[from..to)} are reservoir offsets of the node's shingles; they are partitioned in place. */
    private void growNode(int root, int k, int[] s, int from, int to, int depth) {
        int n = to - from;
        if (depth >= p.depthLimit() || n <= 1) {
            leaf(root + k, n);
            return;
        }
        int dims = p.shingle();
        int dim = random.nextInt(dims);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int tries = 0; tries < dims && !(hi > lo); tries++) {
            dim = (dim + (tries == 0 ? 0 : 1)) % dims;
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            // comparisons, not Math.min and Math.max: those made growing the trees cost more than scoring
            // them; a NaN still spoils the dimension as Math.min's would
            boolean nan = false;
            for (int i = from; i < to; i++) {
                double v = reservoir[s[i] + dim];
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
                nan |= v != v;
            }
            if (nan) {
                lo = Double.NaN;
                hi = Double.NaN;
            }
        }
        float split = (float) (lo + random.nextDouble() * (hi - lo));
        if (!(hi > lo) || !(split > lo)) {
            leaf(root + k, n);
            return;
        }
        int mid = from;
        for (int i = from; i < to; i++) {
            if (reservoir[s[i] + dim] < split) {
                int tmp = s[mid];
                s[mid++] = s[i];
                s[i] = tmp;
            }
        }
        splitDim[root + k] = (byte) dim;
        splitValue[root + k] = split;
        growNode(root, 2 * k + 1, s, from, mid, depth + 1);
        growNode(root, 2 * k + 2, s, mid, to, depth + 1);
    }

    private void leaf(int node, int size) {
        splitDim[node] = -1;
        splitValue[node] = size;
    }

    public long count() {
        return count;
    }

    /**
     * Writes format 2: only the nodes a tree reaches, in preorder, a split as its dimension and cut
     * point, a leaf as -1 and its size, and no trees or boxes before the first growth. Format 1 wrote
     * every slot of every tree (unreached ones included) with both a cut point and a size, about twice
     * the bytes.
     */
    public void writeTo(DataOutput out) throws IOException {
        writeTo(out, 2);
    }

    /**
     * Writes {@code format} 1 or 2. Format 1 is what builds before format 2 read: a state an older
     * reader must still take (a rollback, or a test building an older version's layout) is written in it.
     */
    public void writeTo(DataOutput out, int format) throws IOException {
        if (format != 1 && format != 2) {
            throw new IllegalArgumentException("forest format " + format + " is not known; this build writes 1 and 2");
        }
        p.writeTo(out);
        out.writeLong(random.state());
        out.writeLong(count);
        for (double v : recent) {
            out.writeDouble(v);
        }
        out.writeInt(filled);
        for (int i = 0; i < filled * p.shingle(); i++) {
            out.writeFloat(reservoir[i]);
        }
        out.writeBoolean(grown);
        if (format == 1) {
            for (int i = 0; i < splitDim.length; i++) {
                out.writeByte(splitDim[i]);
                out.writeFloat(splitDim[i] < 0 ? 0f : splitValue[i]);
                out.writeShort(splitDim[i] < 0 ? (int) splitValue[i] : 0);
            }
        } else if (!grown) {
            return;
        } else {
            for (int t = 0; t < p.trees(); t++) {
                writeNode(out, t * nodes, 0);
            }
        }
        for (int i = 0; i < boxLow.length; i++) {
            out.writeFloat(boxLow[i]);
            out.writeFloat(boxHigh[i]);
        }
    }

    private void writeNode(DataOutput out, int root, int k) throws IOException {
        byte dim = splitDim[root + k];
        out.writeByte(dim);
        if (dim < 0) {
            out.writeShort((int) splitValue[root + k]);
            return;
        }
        out.writeFloat(splitValue[root + k]);
        writeNode(out, root, 2 * k + 1);
        writeNode(out, root, 2 * k + 2);
    }

    /** Reads the current format, 2. */
    public static StreamingIsolationForest readFrom(DataInput in) throws IOException {
        return readFrom(in, 2);
    }

    /** Reads format 1 (every slot of every tree, as ensemble states before version 5 and iforest states before 3 hold it) or 2. */
    public static StreamingIsolationForest readFrom(DataInput in, int format) throws IOException {
        ForestParameters params = ForestParameters.readFrom(in);
        StreamingIsolationForest f = new StreamingIsolationForest(params, new SplitMix64(in.readLong()));
        f.count = in.readLong();
        for (int i = 0; i < f.recent.length; i++) {
            f.recent[i] = in.readDouble();
        }
        f.filled = in.readInt();
        if (f.filled < 0 || f.filled > params.window()) {
            throw new IOException("reservoir holds " + f.filled + " shingles, room for " + params.window());
        }
        for (int i = 0; i < f.filled * params.shingle(); i++) {
            f.reservoir[i] = in.readFloat();
        }
        f.grown = in.readBoolean();
        if (format == 1) {
            for (int i = 0; i < f.splitDim.length; i++) {
                f.splitDim[i] = in.readByte();
                float split = in.readFloat();
                short size = in.readShort();
                f.splitValue[i] = f.splitDim[i] < 0 ? f.checkedLeafSize(size) : split;
            }
        } else if (f.grown) {
            for (int t = 0; t < params.trees(); t++) {
                f.readNode(in, t * f.nodes, 0, 0);
            }
        } else {
            return f;
        }
        for (int i = 0; i < f.boxLow.length; i++) {
            f.boxLow[i] = in.readFloat();
            f.boxHigh[i] = in.readFloat();
        }
        return f;
    }

    private void readNode(DataInput in, int root, int k, int depth) throws IOException {
        byte dim = in.readByte();
        splitDim[root + k] = dim;
        if (dim < 0) {
            splitValue[root + k] = checkedLeafSize(in.readShort());
            return;
        }
        if (dim >= p.shingle() || depth >= p.depthLimit()) {
            throw new IOException("a split on dimension " + dim + " at depth " + depth + ", shingles have "
                    + p.shingle() + " dimensions and trees " + p.depthLimit() + " levels");
        }
        splitValue[root + k] = in.readFloat();
        readNode(in, root, 2 * k + 1, depth + 1);
        readNode(in, root, 2 * k + 2, depth + 1);
    }

    private int checkedLeafSize(short size) throws IOException {
        if (size < 0 || size > p.sampleSize()) {
            throw new IOException("a leaf holds " + size + " shingles, a tree is grown from " + p.sampleSize());
        }
        return size;
    }
}
