package io.smartcloudops.detect.forest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.detect.code.ValueCode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecodedCodesTest {
    /** Repeated, colliding (256 apart) and NaN codes all decode to exactly what the code itself gives. */
    @Test
    void everyLookupIsTheCodesOwnDecode() {
        ValueCode code = ValueCode.around(42.0, 3.0);
        DecodedCodes decoded = new DecodedCodes(code);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            int c = i % 7 == 0 ? ValueCode.NAN : (r.nextInt(40) - 20) * 256 + r.nextInt(3);
            assertThat(Double.doubleToRawLongBits(decoded.value(c)))
                    .as("code %d", c)
                    .isEqualTo(Double.doubleToRawLongBits(code.decode((short) c)));
        }
    }
}
