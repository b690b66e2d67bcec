package io.smartcloudops.bench.detect;

import io.smartcloudops.api.detect.DetectorFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;

/**
 * Memory per series (issue #3: "state size in bytes"): the live heap a fleet of warmed series adds
 * to this JVM, and the checkpoint size of one warmed state. Heap is read after explicit full
 * collections, so the figure is live data, not garbage waiting to be collected; run it in a JVM that
 * is doing nothing else.
 */
public final class SeriesFootprint {
    private final DiscoveredDetectors detectors;
    private final Path dataDir;

    public SeriesFootprint(DiscoveredDetectors detectors, Path dataDir) {
        this.detectors = detectors;
        this.dataDir = dataDir;
    }

    public Footprint measure(String detector, int series) throws IOException {
        DetectorFactory factory = detectors.factory(detector);
        WarmTemplates templates = WarmTemplates.build(dataDir, factory);
        long before = liveHeap();
        WarmFleet fleet = WarmFleet.restore(factory, templates, series);
        // one more sample each, so every state has been used after its restore, as in service
        for (int i = 0; i < fleet.size(); i++) {
            fleet.ingest(i);
        }
        long after = liveHeap();
        Reference.reachabilityFence(fleet);
        return new Footprint(
                detector,
                series,
                Math.max(0, after - before) / (double) series,
                templates.meanStateBytes(),
                templates.maxStateBytes());
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // twice: the first full collection can leave objects that only become unreachable once
        // finalisation-like cleaners ran
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
