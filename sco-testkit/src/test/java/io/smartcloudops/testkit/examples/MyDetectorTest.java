package io.smartcloudops.testkit.examples;

import io.smartcloudops.api.detect.DetectorFactory;
import io.smartcloudops.testkit.DetectorContract;

// DetectorContract's example, run here against the examples' own detector.
// tag::DetectorContract[]
class MyDetectorTest extends DetectorContract {
    protected DetectorFactory factory() {
        return new MyDetectorFactory();
    }
}
// end::DetectorContract[]
