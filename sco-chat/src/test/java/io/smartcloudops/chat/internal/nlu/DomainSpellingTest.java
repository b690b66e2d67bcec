package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainSpellingTest {

    private static final DomainSpelling BUNDLED =
            DomainSpelling.of(UtteranceGenerator.bundled().slotSurfaces());

    @Test
    void readsTheTokenizerVocabularyOfTheBundledModel() {
        assertThat(DomainSpelling.tokenizerWords()).hasSizeGreaterThan(20_000).containsKeys("worked", "hour", "stats");
    }

    @Test
    void repairsTyposOfTheSlotListsWordsThatTheRulesWouldMiss() {
        // Each of these lost its slot in the family cross-validation before (issue #17).
        assertThat(BUNDLED.correct("kick wrker on the app host")).isEqualTo("kick worker on the app host");
        assertThat(BUNDLED.correct("tail ngix logs on app host")).isEqualTo("tail nginx logs on app host");
        assertThat(BUNDLED.correct("last twenty errrors lines postgres"))
                .isEqualTo("last twenty errors lines postgres");
        assertThat(BUNDLED.correct("is jaava service responding")).isEqualTo("is java service responding");
    }

    @Test
    void leavesWordsTheTokenizerKnowsAlone() {
        // "worked" is one edit from "worker", "hour" from "four": both are English, so neither is a typo.
        assertThat(BUNDLED.correct("what worked in the last hour")).isEqualTo("what worked in the last hour");
        assertThat(BUNDLED.correct("cpu stats please")).isEqualTo("cpu stats please");
        // Issue #17's unsafe cases once: "kock knock" read as "kick knock" (a restart), "dont" as "don" (no negation).
        assertThat(BUNDLED.correct("kock knock thanks")).isEqualTo("kock knock thanks");
        assertThat(DomainSpelling.of(List.of("don't restart it", "done")).correct("dont restart the api"))
                .isEqualTo("dont restart the api");
    }

    @Test
    void repairsNothingWithoutTheTokenizerVocabulary() {
        // With no English to spare, "worked" would become "worker": no vocabulary, no repair.
        assertThat(DomainSpelling.of(Map.of(), List.of("worker")).correct("it worked"))
                .isEqualTo("it worked");
    }

    @Test
    void prefersTheSpellingTheDataUsesMostAndLeavesTies() {
        DomainSpelling s = DomainSpelling.of(List.of("nginx", "nginx logs", "ngnix once", "qzxa", "qzxb"));
        assertThat(s.correct("ngix")).isEqualTo("nginx");
        // "qzxc" is one edit from both, each used once: neither is plainly meant.
        assertThat(s.correct("qzxc")).isEqualTo("qzxc");
    }
}
