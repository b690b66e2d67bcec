package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AlarmGateTest {

    @Test
    void holdsEverythingBackForAShareOfTheSamplesSeenAfterAConfidentAlarm() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 0.05);
        assertThat(gate.report(9.0, 1000)).isEqualTo(9.0);
        // 5% of 1000 samples seen: quiet through sample 1050, even for a bigger surprise
        for (long t = 1001; t <= 1050; t++) {
            assertThat(gate.quiet(t)).isTrue();
            assertThat(gate.report(20.0, t)).isZero();
        }
        assertThat(gate.quiet(1051)).isFalse();
    }

    @Test
    void judgesTheNextIncidentAfreshOnceTheQuietPeriodEnds() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 0.05);
        gate.report(50.0, 2000);
        // without the reset a remembered 50 would echo a later, smaller incident down to 30%
        assertThat(gate.report(6.0, 2200)).isEqualTo(6.0);
    }

    @Test
    void quietPeriodGrowsWithTheSamplesSeen() {
        AlarmGate early = new AlarmGate(150, 0.3, 4.5, 0.05);
        AlarmGate late = new AlarmGate(150, 0.3, 4.5, 0.05);
        early.report(9.0, 400);
        late.report(9.0, 4000);
        assertThat(early.quiet(400 + 30)).isFalse();
        assertThat(late.quiet(4000 + 30)).isTrue();
    }

    @Test
    void modestSurprisesEchoWithoutStartingAQuietPeriod() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 0.05);
        assertThat(gate.report(4.0, 1000)).isEqualTo(4.0);
        assertThat(gate.quiet(1001)).isFalse();
        assertThat(gate.report(3.0, 1001)).isEqualTo(0.3 * 3.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void noQuietPeriodWhenTheShareIsZero() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 0.0);
        gate.report(9.0, 1000);
        assertThat(gate.quiet(1001)).isFalse();
    }

    @Test
    void restoredGateDecidesAsTheOriginal() throws IOException {
        AlarmGate original = new AlarmGate(150, 0.3, 4.5, 0.05);
        original.report(3.0, 900);
        original.report(8.0, 1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        AlarmGate restored = new AlarmGate(150, 0.3, 4.5, 0.05);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (long t = 1001; t < 1200; t++) {
            double s = (t % 7) * 1.1;
            assertThat(restored.report(s, t)).isEqualTo(original.report(s, t));
        }
    }
}
