package io.smartcloudops.chat.internal.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MisspellingsTest {

    @Test
    void repairsOneKeystrokeTyposOfDeploymentWords() {
        assertThat(Misspellings.correct("restrat ngnix")).isEqualTo("restart nginx");
        assertThat(Misspellings.correct("is postgress up")).isEqualTo("is postgres up");
        assertThat(Misspellings.correct("whats teh memroy on mon1")).isEqualTo("whats teh memory on mon1");
        assertThat(Misspellings.correct("any anomolies?")).isEqualTo("any anomalies?");
    }

    @Test
    void repairsSwappedLettersOfShortCommandWordsOnly() {
        assertThat(Misspellings.correct("statsu pls")).isEqualTo("status pls");
        assertThat(Misspellings.correct("lgos for nginx")).isEqualTo("logs for nginx");
        assertThat(Misspellings.correct("hlep")).isEqualTo("help");
        assertThat(Misspellings.correct("stats, hell, held, log, lots, cup"))
                .isEqualTo("stats, hell, held, log, lots, cup");
    }

    @Test
    void repairsDroppedLettersOfCommandWordsUnlessTheResultIsAnEverydayWord() {
        assertThat(Misspellings.correct("wats the staus of things")).isEqualTo("wats the status of things");
        assertThat(Misspellings.correct("helthcheck worker")).isEqualTo("healthcheck worker");
        assertThat(Misspellings.correct("cpu stats, garage sale")).isEqualTo("cpu stats, garage sale");
    }

    @Test
    void leavesInflectionsAndEverydayWordsAlone() {
        assertThat(Misspellings.correct("what was approved, who restarts it"))
                .isEqualTo("what was approved, who restarts it");
        assertThat(Misspellings.correct("cpu stats while fixing the worked example"))
                .isEqualTo("cpu stats while fixing the worked example");
        assertThat(Misspellings.correct("scale to c5.2xlarge")).isEqualTo("scale to c5.2xlarge");
    }

    @Test
    void readsHalfUnitsAsSpans() {
        assertThat(DurationPhrase.find("snooze all alerts for an hour and a half")
                        .map(DurationPhrase::iso))
                .hasValue("PT1H30M");
        assertThat(DurationPhrase.find("errors over the last half hour").map(DurationPhrase::iso))
                .hasValue("PT30M");
        assertThat(DurationPhrase.find("mute it for 2 and a half hours").map(DurationPhrase::iso))
                .hasValue("PT2H30M");
    }

    @Test
    void repairsSwapsOfShortDeploymentNamesAndSlipsInLongerDeploymentWords() {
        assertThat(Misspellings.correct("restart the wokrer")).isEqualTo("restart the worker");
        assertThat(Misspellings.correct("ndoe exporter on the jvaa service"))
                .isEqualTo("node exporter on the java service");
        assertThat(Misspellings.correct("procesor load on the monitr host"))
                .isEqualTo("processor load on the monitor host");
        assertThat(Misspellings.correct("trafic for the api servce")).isEqualTo("traffic for the api service");
    }

    @Test
    void leavesInflectionsAndOtherWordsOfTheNewNamesAlone() {
        assertThat(Misspellings.correct("the worked example monitors nodes of services"))
                .isEqualTo("the worked example monitors nodes of services");
        assertThat(Misspellings.correct("done, code, lava")).isEqualTo("done, code, lava");
    }
}
