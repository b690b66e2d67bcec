package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenSlotsTest {
    private static final int SLOTS = 8192;

    @Test
    void answersAsASetOfSlotsDoesBeforeAndAfterTheListGivesWayToBits() {
        SplittableRandom r = new SplittableRandom(5);
        SeenSlots seen = new SeenSlots(SLOTS);
        BitSet reference = new BitSet(SLOTS);
        // 2,000 draws of 1,500 slots: repeats from the start, and well past the list's 512 slots
        for (int i = 0; i < 2000; i++) {
            int slot = r.nextInt(1500) * 5 % SLOTS;
            boolean isNew = !reference.get(slot);
            reference.set(slot);
            assertThat(seen.add(slot)).as("slot %d at draw %d", slot, i).isEqualTo(isNew);
        }
    }

    @Test
    void aFewSlotsAreWrittenAsAListAndReadBackExactly() throws IOException {
        SeenSlots seen = new SeenSlots(SLOTS);
        int[] slots = {8191, 0, 77, 4096, 77, 13};
        for (int s : slots) {
            seen.add(s);
        }
        byte[] bytes = write(seen);
        assertThat(bytes).hasSize(4 + 5 * 2);
        SeenSlots back = read(bytes);
        for (int s : new int[] {0, 13, 77, 4096, 8191}) {
            assertThat(back.add(s)).as("slot %d seen before", s).isFalse();
        }
        assertThat(back.add(14)).isTrue();
    }

    @Test
    void manySlotsAreWrittenAsTheTablesBitsAndReadBackExactly() throws IOException {
        SeenSlots seen = new SeenSlots(SLOTS);
        for (int s = 0; s < SLOTS; s += 3) {
            seen.add(s);
        }
        byte[] bytes = write(seen);
        assertThat(bytes).hasSize(4 + SLOTS / 8);
        SeenSlots back = read(bytes);
        for (int s = 0; s < SLOTS; s++) {
            assertThat(back.add(s)).as("slot %d", s).isEqualTo(s % 3 != 0);
        }
    }

    @Test
    void theOlderBitsFormatReadsIntoTheSameSet() throws IOException {
        SeenSlots seen = new SeenSlots(SLOTS);
        for (int s : new int[] {5, 600, 6000}) {
            seen.add(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        seen.writeBitsTo(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(SLOTS / 8);
        SeenSlots back =
                SeenSlots.readBitsFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), SLOTS);
        assertThat(back.add(600)).isFalse();
        assertThat(back.add(601)).isTrue();
        assertThat(write(back)).hasSize(4 + 4 * 2);
    }

    @Test
    void refusesACountOfSlotsTheTableCannotHold() {
        byte[] bad = {0, 0, 0x7f, 0};
        assertThatThrownBy(() -> read(bad)).isInstanceOf(IOException.class).hasMessageContaining("out of range");
    }

    private static byte[] write(SeenSlots s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static SeenSlots read(byte[] bytes) throws IOException {
        return SeenSlots.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), SLOTS);
    }
}
