package io.smartcloudops.bench.detect;

/** One detector replaying the representative files, each from a fresh state, point by point. */
interface Replay {
    /** Updates and scores every point; returns the sum of the scores so that none can be optimised away. */
    double run();
}
