package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.chat.internal.nlu.LabelledUtterance.SpeechAct;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated corpus (issue #17's design change, step one): size, coverage, labels and determinism. */
class UtteranceGeneratorTest {

    private final UtteranceGenerator generator = UtteranceGenerator.bundled();

    @Test
    void producesAFewThousandUtterancesCoveringEveryIntentFromManyFamilies() {
        List<LabelledUtterance> corpus = generator.generate(20, 17);

        assertThat(corpus.size()).isBetween(2_000, 6_000);
        assertThat(corpus.stream().map(LabelledUtterance::intent).collect(Collectors.toSet()))
                .containsAll(EnumSet.allOf(Intent.class));
        assertThat(corpus.stream().map(LabelledUtterance::family).collect(Collectors.toSet()))
                .hasSameSizeAs(generator.families())
                .hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void sameSeedSameCorpusOtherSeedOtherNoise() {
        assertThat(generator.generate(5, 3)).isEqualTo(generator.generate(5, 3));
        assertThat(generator.generate(5, 3)).isNotEqualTo(generator.generate(5, 4));
    }

    @Test
    void labelsAreTheAnsweredIntentNeverAMutatingOneForAQuestionHypotheticalNegationOrThePast() {
        for (LabelledUtterance u : generator.generate(10, 1)) {
            if (u.act() != SpeechAct.COMMAND) {
                assertThat(u.intent().isMutating()).as(u.toString()).isFalse();
            }
            if (u.act() == SpeechAct.PAST) {
                assertThat(u.intent()).as(u.toString()).isEqualTo(Intent.AUDIT);
            }
        }
        assertThat(UtteranceGenerator.answered(Intent.RESTART_SERVICE, SpeechAct.HYPOTHETICAL))
                .isEqualTo(Intent.HELP);
        assertThat(UtteranceGenerator.answered(Intent.RESTART_SERVICE, SpeechAct.NEGATED))
                .isEqualTo(Intent.OUT_OF_SCOPE);
        assertThat(UtteranceGenerator.answered(Intent.LOGS, SpeechAct.NEGATED)).isEqualTo(Intent.LOGS);
    }

    @Test
    void slotsFollowTheConventions() {
        List<LabelledUtterance> corpus = generator.generate(10, 2);
        Set<Intent> none = EnumSet.of(Intent.STATUS, Intent.HELP, Intent.OUT_OF_SCOPE, Intent.PENDING_APPROVALS);
        assertThat(corpus)
                .filteredOn(u -> none.contains(u.intent()))
                .allSatisfy(u -> assertThat(u.slots()).isEmpty());
        assertThat(corpus)
                .filteredOn(u -> u.intent() == Intent.SCALE_UP)
                .allSatisfy(u -> assertThat(u.slots()).doesNotContainKey("host"));
        assertThat(corpus)
                .filteredOn(u -> u.slots().containsKey("replicas"))
                .allSatisfy(u -> assertThat(u.slots().get("replicas")).isInstanceOf(Integer.class));
        assertThat(corpus)
                .filteredOn(u -> u.intent() == Intent.SILENCE && u.slots().containsKey("duration"))
                .isNotEmpty();
    }
}
