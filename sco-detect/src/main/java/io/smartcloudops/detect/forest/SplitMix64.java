package io.smartcloudops.detect.forest;

/**
 * Steele, Lea and Flood's SplitMix64 generator: statistically sound for sampling and, unlike
 * {@link java.util.SplittableRandom}, its whole state is one long that a snapshot can carry.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long state) {
        this.state = state;
    }

    long state() {
        return state;
    }

    long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in [0, bound), bound > 0. A power-of-two bound (the usual window and shingle sizes) takes
     * the low bits, which is the same floor modulus without the 64-bit division that made growing a
     * tree slower than scoring a thousand points.
     */
    long nextLong(long bound) {
        long x = nextLong();
        return (bound & (bound - 1)) == 0 ? x & (bound - 1) : Math.floorMod(x, bound);
    }

    int nextInt(int bound) {
        return (int) nextLong(bound);
    }
}
