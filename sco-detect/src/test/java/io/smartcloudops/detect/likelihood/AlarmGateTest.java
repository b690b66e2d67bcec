package io.smartcloudops.detect.likelihood;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AlarmGateTest {

    @Test
    void holdsEverythingBackForTheQuietSamplesAfterAConfidentAlarm() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 50);
        assertThat(gate.report(9.0, 1000)).isEqualTo(9.0);
        // 50 quiet samples: quiet through sample 1050, even for a bigger surprise
        for (long t = 1001; t <= 1050; t++) {
            assertThat(gate.quiet(t)).isTrue();
            assertThat(gate.report(20.0, t)).isZero();
        }
        assertThat(gate.quiet(1051)).isFalse();
    }

    @Test
    void judgesTheNextIncidentAfreshOnceTheQuietPeriodEnds() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 50);
        gate.report(50.0, 2000);
        // without the reset a remembered 50 would echo a later, smaller incident down to 30%
        assertThat(gate.report(6.0, 2200)).isEqualTo(6.0);
    }

    @Test
    void quietPeriodDoesNotGrowWithTheSamplesSeen() {
        // a month of 1-minute samples: the old share-of-samples gate stayed quiet for over a day here
        AlarmGate early = new AlarmGate(150, 0.3, 4.5, 50);
        AlarmGate late = new AlarmGate(150, 0.3, 4.5, 50);
        early.report(9.0, 400);
        late.report(9.0, 43_200);
        assertThat(early.quiet(400 + 50)).isTrue();
        assertThat(late.quiet(43_200 + 50)).isTrue();
        assertThat(early.quiet(400 + 51)).isFalse();
        assertThat(late.quiet(43_200 + 51)).isFalse();
        assertThat(late.report(6.0, 43_200 + 51)).isEqualTo(6.0);
    }

    @Test
    void aQuietPeriodRestoredFromGrowingStateIsCutToTheBoundedLength() throws IOException {
        // version 3 state of a month-old agent: quiet until 1,080 samples (2.5% of 43,200) after its alarm
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeDouble(0.0);
        out.writeLong(43_200 + 1 + 1_080);
        AlarmGate restored = new AlarmGate(150, 0.3, 4.5, 50);
        restored.readGrowingQuiet(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 43_200);
        assertThat(restored.quiet(43_200 + 50)).isTrue();
        assertThat(restored.quiet(43_200 + 51)).isFalse();
    }

    @Test
    void modestSurprisesEchoWithoutStartingAQuietPeriod() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 50);
        assertThat(gate.report(4.0, 1000)).isEqualTo(4.0);
        assertThat(gate.quiet(1001)).isFalse();
        assertThat(gate.report(3.0, 1001)).isEqualTo(0.3 * 3.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void noQuietPeriodWhenTheShareIsZero() {
        AlarmGate gate = new AlarmGate(150, 0.3, 4.5, 0);
        gate.report(9.0, 1000);
        assertThat(gate.quiet(1001)).isFalse();
    }

    @Test
    void restoredGateDecidesAsTheOriginal() throws IOException {
        AlarmGate original = new AlarmGate(150, 0.3, 4.5, 50);
        original.report(3.0, 900);
        original.report(8.0, 1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.writeTo(new DataOutputStream(bytes));
        AlarmGate restored = new AlarmGate(150, 0.3, 4.5, 50);
        restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (long t = 1001; t < 1200; t++) {
            double s = (t % 7) * 1.1;
            assertThat(restored.report(s, t)).isEqualTo(original.report(s, t));
        }
    }
}
