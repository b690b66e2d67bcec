package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.llm.LlmTestKit.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcloudops.chat.internal.session.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymStoreTest {

    @TempDir
    Path dir;

    private final LlmTestKit.ManualClock clock = new LlmTestKit.ManualClock(T0);

    private SessionStore open() {
        return SessionStore.open(dir.resolve("sessions.db"), clock, Duration.ofMinutes(30));
    }

    private static Pseudonyms used() {
        Pseudonyms p = Pseudonyms.empty();
        p.idFor(new NameCatalogue.Name("checkout", NameKind.SERVICE));
        p.idFor(new NameCatalogue.Name("10.0.1.7", NameKind.IP));
        p.idFor(new NameCatalogue.Name("app-1", NameKind.HOST));
        return p;
    }

    @Test
    void placeholdersSurviveReopeningTheSessionFileAndKeepCounting() {
        try (SessionStore sessions = open()) {
            new PseudonymStore(sessions).save("s1", used());
        }
        try (SessionStore sessions = open()) {
            Pseudonyms loaded = new PseudonymStore(sessions).load("s1");

            assertThat(loaded.entries())
                    .containsExactly(
                            new Pseudonyms.Entry("service-1", "checkout"),
                            new Pseudonyms.Entry("ip-1", "10.0.1.7"),
                            new Pseudonyms.Entry("host-1", "app-1"));
            assertThat(loaded.idFor(new NameCatalogue.Name("payments", NameKind.SERVICE)))
                    .isEqualTo("service-2");
            assertThat(loaded.idFor(new NameCatalogue.Name("CHECKOUT", NameKind.SERVICE)))
                    .isEqualTo("service-1");
            assertThat(new PseudonymStore(sessions).load("s2").size())
                    .as("another session")
                    .isZero();
        }
    }

    @Test
    void placeholdersExpireWithTheSession() {
        try (SessionStore sessions = open()) {
            PseudonymStore store = new PseudonymStore(sessions);
            store.save("s1", used());
            clock.advance(Duration.ofMinutes(31));

            assertThat(store.load("s1").size()).isZero();
        }
    }

    @Test
    void documentThisVersionCannotReadStartsAfresh() {
        try (SessionStore sessions = open()) {
            sessions.saveDocument(
                    SessionStore.Document.PSEUDONYMS,
                    "s1",
                    PseudonymStore.FORMAT,
                    "{\"names\":[{\"id\":\"host-1\",\"name\":\"a\"},{\"id\":\"host-1\",\"name\":\"b\"}]}");
            sessions.saveDocument(SessionStore.Document.PSEUDONYMS, "s2", PseudonymStore.FORMAT + 1, "{\"names\":[]}");
            sessions.saveDocument(SessionStore.Document.PSEUDONYMS, "s3", PseudonymStore.FORMAT, "not json");

            assertThat(new PseudonymStore(sessions).load("s1").size()).isZero();
            assertThat(new PseudonymStore(sessions).load("s2").size()).isZero();
            assertThat(new PseudonymStore(sessions).load("s3").size()).isZero();
        }
    }

    @Test
    void rejectsEntriesItCouldNotHaveWritten() {
        assertThatThrownBy(() -> Pseudonyms.of(List.of(new Pseudonyms.Entry("db-1", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pseudonyms.of(
                        List.of(new Pseudonyms.Entry("host-1", "a"), new Pseudonyms.Entry("host-2", "A"))))
                .hasMessageContaining("twice");
    }
}
