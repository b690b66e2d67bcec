package io.smartcloudops.detect.forest;

import io.smartcloudops.detect.code.ValueCode;
import io.smartcloudops.detect.share.SharedParameters;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Isolation forest (Liu, Ting and Zhou, 2008) over shingles, the last {@code shingle} samples taken
 * together so that jumps and shapes, not only levels, are judged. The trees are regrown every
 * {@code rebuildEvery} samples from a sliding reservoir: a biased reservoir sample (Aggarwal, 2006)
 * of {@code window} shingles in which every shingle has an equal chance while fewer than
 * {@code horizon} have been seen, after which older shingles fade out exponentially. The reservoir and
 * the cut points hold 16-bit codes of the values ({@link ValueCode}: monotone, linear near the series'
 * level and logarithmic beyond it), half the bytes of single precision; cut points fall between codes,
 * so a tree partitions the codes it was grown from exactly. The forest thus
 * remembers what a whole week looked like, not only the last hours, yet follows lasting change. A
 * shingle is scored against trees grown from the past only. Isolation forests need no scaling: cuts
 * are drawn within each dimension's range. Memory: the reservoir ({@code 2 * window * shingle} bytes)
 * plus the nodes the trees reach, two bytes each and a bit or a few ({@link GrownTrees}).
 *
 * <pre>{@code
 * StreamingIsolationForest f = new StreamingIsolationForest(ForestParameters.defaults(), seed);
 * double s = f.update(x); // isolation score in (0, 1); above 0.5 is easier to isolate than usual
 * }</pre>
 */
public final class StreamingIsolationForest {
    /**
     * {@link #averagePath} for every leaf size a tree can have (sample sizes go up to 1,024): a logarithm
     * per tree per point was most of the scoring. A constant of the formula, so one table serves every forest.
     */
    static final double[] LEAF_PATH = new double[1025];

    static {
        for (int n = 0; n < LEAF_PATH.length; n++) {
            LEAF_PATH[n] = averagePath(n);
        }
    }

    // the state is package-private: ForestCodec and LegacyForestCodec read and write it, nothing else does
    final ForestParameters p;
    final int nodes;
    final SplitMix64 random;
    /** The last {@code shingle} values, oldest first: the shingle being scored. */
    final double[] recent;
    /** How the reservoir's and the cut points' values are coded; changes only with the codes it covers. */
    ValueCode code;

    final short[] reservoir;
    int filled;
    long count;
    /** The trees as last grown (their nodes' cut codes are codes of {@link #code}); null before the first growth. */
    GrownTrees trees;
    /**
     * The exact codes of {@link #recent} in {@link #codedIn}, so a tree's walk compares codes with codes.
     * A cache, not state: each value is coded once, where scoring coded the whole shingle every time and
     * keeping it coded each value twice more. The newest {@link #uncoded} are not coded yet, and none are
     * once the code is not {@code codedIn}: it is widened when a value does not fit and re-centred on
     * regrowth, and a restored forest has none.
     */
    private final double[] pointCode;

    private ValueCode codedIn;
    private int uncoded;

    public StreamingIsolationForest(ForestParameters params, long seed) {
        this(params, new SplitMix64(seed));
    }

    /** For {@link ForestCodec}, which fills in the rest of a forest it reads. */
    StreamingIsolationForest(ForestParameters params, SplitMix64 random) {
        this.p = params;
        this.random = random;
        this.nodes = (1 << (params.depthLimit() + 1)) - 1;
        this.recent = new double[params.shingle()];
        this.reservoir = new short[params.window() * params.shingle()];
        this.pointCode = new double[params.shingle()];
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
        double[] point = recent;
        // a shingle is a few values: moved one by one, not by an array copy call each sample
        int last = point.length - 1;
        for (int i = 0; i < last; i++) {
            point[i] = point[i + 1];
            pointCode[i] = pointCode[i + 1];
        }
        point[last] = x;
        uncoded = Math.min(uncoded + 1, pointCode.length);
        count++;
        if (count < p.shingle()) {
            return 0.5;
        }
        double score = trees != null ? score(point, rangeWeighted) : 0.5;
        keep(point);
        if (filled >= p.sampleSize() && regrowsAt(count)) {
            grow();
        }
        return score;
    }

    /**
     * Whether the trees are regrown at sample {@code n}: every {@code rebuildEvery}, by a mask when that is
     * a power of two (the default's 256), not a 64-bit division at every sample.
     */
    private boolean regrowsAt(long n) {
        int every = p.rebuildEvery();
        return (every & (every - 1)) == 0 ? (n & (every - 1)) == 0 : n % every == 0;
    }

    /** Biased reservoir sampling: append while there is room, then replace a random slot with probability max(window / n, window / horizon). */
    private void keep(double[] point) {
        long seen = count - p.shingle() + 1;
        int slot;
        if (filled < p.window()) {
            slot = filled;
        } else {
            double admit = Math.max(p.window() / (double) seen, p.window() / p.horizon());
            if (random.nextDouble() >= admit) {
                return;
            }
            slot = random.nextInt(p.window());
        }
        if (code == null) {
            code = ValueCode.around(point[0], 0);
        }
        codeRecent();
        for (int i = 0; i < point.length; i++) {
            double v = point[i];
            if (!code.holds(v, pointCode[i])) {
                // a value beyond the code's range: widen it so that this one sits well inside
                recode(new ValueCode(code.center(), Math.max(2 * code.scale(), Math.abs(v - code.center()) * 0x1p-20)));
                codeRecent();
            }
        }
        for (int i = 0; i < point.length; i++) {
            reservoir[slot * p.shingle() + i] = code.code(point[i], pointCode[i]);
        }
        filled = Math.max(filled, slot + 1);
    }

    /**
     * Codes the reservoir anew in {@code next} (each value once more rounded, now to {@code next}'s
     * step), and regrows grown trees, whose cut points were codes of the old one.
     */
    private void recode(ValueCode next) {
        codeReservoirIn(next);
        if (trees != null) {
            grow();
        }
    }

    /** Brings {@link #pointCode} up to the code, which exists by now: codes what is new, or all if the code changed. */
    private void codeRecent() {
        if (codedIn != code) {
            codedIn = code;
            uncoded = recent.length;
        }
        for (int d = recent.length - uncoded; d < recent.length; d++) {
            pointCode[d] = code.exact(recent[d]);
        }
        uncoded = 0;
    }

    private double score(double[] point, boolean rangeWeighted) {
        codeRecent();
        double total = trees.pathLengths(point, pointCode, rangeWeighted);
        return Math.pow(2, -(total / p.trees()) / LEAF_PATH[p.sampleSize()]);
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

    /**
     * Grows every tree from its own draw of reservoir slots; the slots index the reservoir in place,
     * nothing is copied. First the code follows the series: centred again where the reservoir's values
     * have moved further from its centre than they spread, so that their codes stay fine.
     */
    private void grow() {
        refocus();
        DecodedCodes decoded = new DecodedCodes(code);
        int[] sample = new int[p.sampleSize()];
        int dims = p.shingle();
        // grown into complete binary trees, then kept compactly (see GrownTrees)
        byte[] splitDim = new byte[p.trees() * nodes];
        short[] split = new short[p.trees() * nodes];
        float[] box = new float[2 * p.trees() * dims];
        for (int t = 0; t < p.trees(); t++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = random.nextInt(filled) * dims;
            }
            for (int d = 0; d < dims; d++) {
                int lo = Integer.MAX_VALUE;
                int hi = Integer.MIN_VALUE;
                for (int base : sample) {
                    int v = reservoir[base + d];
                    lo = v < lo ? v : lo;
                    hi = v > hi ? v : hi;
                }
                // NaN's code is the least: a box holding it is NaN, as a NaN spoiled the float box
                boolean nan = lo == ValueCode.NAN;
                box[2 * (t * dims + d)] = nan ? Float.NaN : (float) decoded.value(lo);
                box[2 * (t * dims + d) + 1] = nan ? Float.NaN : (float) decoded.value(hi);
            }
            growNode(splitDim, split, t * nodes, 0, sample, 0, sample.length, 0, decoded);
        }
        trees = GrownTrees.of(splitDim, split, p, nodes, box);
    }

    /** Centres the code on the reservoir's midrange if the values sit further off it than their half range. */
    private void refocus() {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < filled * p.shingle(); i++) {
            int v = reservoir[i];
            // the code is monotone: the range of the codes is the range of the values; NaN's code is left out
            lo = v < lo && v != ValueCode.NAN ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (lo > hi) {
            return;
        }
        double low = code.decode((short) lo);
        double high = code.decode((short) hi);
        double mid = low + (high - low) / 2;
        double half = (high - low) / 2;
        if (Double.isFinite(mid) && Math.abs(mid - code.center()) > half) {
            codeReservoirIn(ValueCode.around(mid, half));
        }
    }

    /** The reservoir's values coded in {@code next} (each rounded once more, now to its step), which becomes the code. */
    private void codeReservoirIn(ValueCode next) {
        for (int i = 0; i < filled * p.shingle(); i++) {
            reservoir[i] = next.code(code.decode(reservoir[i]));
        }
        code = next;
    }

    /**
     * {@code s[from..to)} are reservoir offsets of the node's shingles; they are partitioned in place. The
     * node is slot {@code k} of the complete binary tree at {@code root} of {@code splitDim} and {@code split}.
     */
    private void growNode(
            byte[] splitDim,
            short[] split,
            int root,
            int k,
            int[] s,
            int from,
            int to,
            int depth,
            DecodedCodes decoded) {
        int n = to - from;
        if (depth >= p.depthLimit() || n <= 1) {
            leaf(splitDim, split, root + k, n);
            return;
        }
        int dims = p.shingle();
        int dim = random.nextInt(dims);
        int lo = 0;
        int hi = 0;
        for (int tries = 0; tries < dims && !(hi > lo); tries++) {
            dim = (dim + (tries == 0 ? 0 : 1)) % dims;
            lo = Integer.MAX_VALUE;
            hi = Integer.MIN_VALUE;
            for (int i = from; i < to; i++) {
                int v = reservoir[s[i] + dim];
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            if (lo == ValueCode.NAN) {
                // a NaN spoils the dimension, as it did the float range
                hi = lo;
            }
        }
        // the cut is uniform over the values' range, not the codes' (the code is finer near its centre), and
        // falls between two codes: the stored codes below it go left
        double r = random.nextDouble();
        double low = hi > lo ? decoded.value(lo) : 0.0;
        double cut = low + r * (decoded.value(hi) - low);
        if (!(hi > lo) || !(cut > low)) {
            leaf(splitDim, split, root + k, n);
            return;
        }
        int cutCode = Math.max(lo + 1, Math.min(hi, (int) Math.ceil(code.exact(cut))));
        int mid = from;
        // which side a shingle falls is a coin flip: swapped with masks rather than a branch that mispredicts
        // half the time (the same swaps: a shingle below the cut trades places with the first not below)
        for (int i = from; i < to; i++) {
            int here = s[i];
            int first = s[mid];
            int below = (reservoir[here + dim] - cutCode) >> 31;
            s[mid] = (here & below) | (first & ~below);
            s[i] = (first & below) | (here & ~below);
            mid -= below;
        }
        splitDim[root + k] = (byte) dim;
        split[root + k] = (short) cutCode;
        growNode(splitDim, split, root, 2 * k + 1, s, from, mid, depth + 1, decoded);
        growNode(splitDim, split, root, 2 * k + 2, s, mid, to, depth + 1, decoded);
    }

    private static void leaf(byte[] splitDim, short[] split, int node, int size) {
        splitDim[node] = -1;
        split[node] = (short) size;
    }

    public ForestParameters parameters() {
        return p;
    }

    public long count() {
        return count;
    }

    /** Writes format 3 (see {@link ForestCodec}); formats 1 and 2 are what builds before it read. */
    public void writeTo(DataOutput out) throws IOException {
        ForestCodec.write(this, out, ForestCodec.FORMAT);
    }

    /**
     * Writes {@code format} 1, 2 or 3. Formats 1 and 2 are what builds before format 3 read: a state an
     * older reader must still take (a rollback, or a test building an older version's layout) is
     * written in them, with the values decoded from their codes and each cut point halfway between two
     * codes (read back, they are coded afresh, so the forest is close to, not the same as, this one).
     */
    public void writeTo(DataOutput out, int format) throws IOException {
        ForestCodec.write(this, out, format);
    }

    /** Reads format 3, or format 2 (which has no tag), as the current default ensemble and iforest states hold it. */
    public static StreamingIsolationForest readFrom(DataInput in) throws IOException {
        return readFrom(in, 2);
    }

    /**
     * Reads format 3, whose tag says so, or else {@code untagged}: format 1 (every slot of every tree,
     * as ensemble states before version 5 and iforest states before 3 hold it) or 2. A forest of the
     * older formats is coded as it is read: its reservoir in a code centred on the values' midrange,
     * each cut point as the first code above it.
     */
    public static StreamingIsolationForest readFrom(DataInput in, int untagged) throws IOException {
        return readFrom(in, untagged, new SharedParameters());
    }

    /** Reads as {@link #readFrom(DataInput, int)} does, with the parameters {@code shared} holds. */
    public static StreamingIsolationForest readFrom(DataInput in, int untagged, SharedParameters shared)
            throws IOException {
        return ForestCodec.read(in, untagged, shared);
    }
}
