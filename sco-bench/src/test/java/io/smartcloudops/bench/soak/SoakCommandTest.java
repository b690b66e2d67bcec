package io.smartcloudops.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SoakCommandTest {
    private final SoakCommand.IntervalConverter converter = new SoakCommand.IntervalConverter();

    @Test
    void readsShortAndIsoIntervals() {
        assertThat(converter.convert("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(converter.convert("PT15S")).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void refusesAnIntervalItCannotReadAndSaysHowToWriteOne() {
        assertThatThrownBy(() -> converter.convert("fifteen"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("15s");
    }

    @Test
    void keepsOneSecondAsTheDefaultInterval() {
        SoakCommand c = new SoakCommand();
        new CommandLine(c).parseArgs();
        assertThat(c.interval).isEqualTo(Duration.ofSeconds(1));
        new CommandLine(c).parseArgs("--interval", "15s");
        assertThat(c.interval).isEqualTo(Duration.ofSeconds(15));
    }
}
