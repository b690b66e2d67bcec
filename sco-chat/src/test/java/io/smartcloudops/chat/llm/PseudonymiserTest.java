package io.smartcloudops.chat.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NameCatalogue catalogue() {
        Map<String, NameKind> names = new LinkedHashMap<>();
        names.put("app-1", NameKind.HOST);
        names.put("mon-1", NameKind.HOST);
        names.put("nginx", NameKind.SERVICE);
        names.put("api", NameKind.SERVICE);
        names.put("checkout", NameKind.SERVICE);
        names.put("Payments", NameKind.SERVICE);
        return NameCatalogue.of(names);
    }

    private final Pseudonymiser names = new Pseudonymiser(PseudonymiserTest::catalogue, Pseudonyms.empty());

    @Test
    void replacesEachNameAndAddressWithAPlaceholderOfItsKindNumberedInOrderOfFirstSight() {
        String concealed = names.conceal(
                "restart checkout on app-1 (10.0.1.5), then nginx on mon-1 at fe80::1 and i-0abc12345def67890");

        assertThat(concealed)
                .isEqualTo(
                        "restart <service-1> on <host-1> (<ip-1>), then <service-2> on <host-2> at <ip-2> and <instance-1>");
        assertThat(names.conceal("checkout again on 10.0.1.5")).isEqualTo("<service-1> again on <ip-1>");
    }

    @Test
    void revealsPlaceholdersInTheSpellingTheDataUses() {
        String concealed = names.conceal("CHECKOUT and payments and NGINX");

        assertThat(concealed).isEqualTo("<service-1> and <service-2> and <service-3>");
        assertThat(names.reveal(concealed)).isEqualTo("checkout and Payments and nginx");
        assertThat(names.reveal("<SERVICE-1>")).isEqualTo("checkout");
    }

    @Test
    void portStaysOutsideTheAddressAndOneAddressIsOnePlaceholder() {
        assertThat(names.conceal("instance=\"10.0.1.5:9100\" and 10.0.1.5"))
                .isEqualTo("instance=\"<ip-1>:9100\" and <ip-1>");
        assertThat(names.conceal("app-1:9100")).isEqualTo("<host-1>:9100");
    }

    @Test
    void privateAndEc2HostNamesAreHostsEvenWhenNoLabelListedThem() {
        assertThat(names.conceal("payments-db.internal, ip-10-0-1-7.eu-west-1.compute.internal and build.local"))
                .isEqualTo("<host-1>, <host-2> and <host-3>");
        assertThat(names.conceal("see https://git.example.com"))
                .as("public domains are left alone")
                .isEqualTo("see https://git.example.com");
    }

    @Test
    void namesInsideLongerWordsAreOtherWords() {
        String text = "api-gateway, nginx_http_requests_total, NginxDown, rest-api, checkouts, 10.0.1.50 and app-10";

        assertThat(names.conceal(text)).isEqualTo(text.replace("10.0.1.50", "<ip-1>"));
    }

    @Test
    void placeholderShapedTextIsEscapedOnTheWayOutAndComesBackAsTyped() {
        String typed = "restart <service-1> and <\\host-2> and <HOST-3> but not checkout";

        String concealed = names.conceal(typed);

        assertThat(concealed).isEqualTo("restart <\\service-1> and <\\\\host-2> and <\\HOST-3> but not <service-1>");
        assertThat(names.reveal(concealed)).isEqualTo(typed);
        assertThat(names.reveal("<\\service-1>"))
                .as("the model repeating the literal")
                .isEqualTo("<service-1>");
    }

    @Test
    void placeholderThisSessionNeverGaveOutIsLeftAsItIs() {
        names.conceal("checkout");

        assertThat(names.reveal("<service-1>, <service-2>, <host-1>, <db-1>, <service-01>, service-1"))
                .isEqualTo("checkout, <service-2>, <host-1>, <db-1>, <service-01>, service-1");
    }

    @Test
    void toolResultStaysTheSameJsonWithNamesConcealedAndEscapesValid() throws IOException {
        String result =
                "{\"tool\":\"get_alerts\",\"note\":\"n\",\"data\":{\"summary\":\"checkout on app-1 says restart <service-1>\","
                        + "\"sources\":{\"nginx\":\"ok\"},\"labels\":[\"instance=\\\"10.0.1.5:9100\\\"\"],\"count\":2,\"ok\":true}}";

        JsonNode concealed = JSON.readTree(names.concealJson(result));

        assertThat(concealed.fieldNames()).toIterable().containsExactly("tool", "note", "data");
        assertThat(concealed.at("/data/summary").asText())
                .isEqualTo("<service-1> on <host-1> says restart <\\service-1>");
        assertThat(concealed.at("/data/sources").fieldNames()).toIterable().containsExactly("<service-2>");
        assertThat(concealed.at("/data/labels/0").asText()).isEqualTo("instance=\"<ip-1>:9100\"");
        assertThat(concealed.at("/data/count").asInt()).isEqualTo(2);
        assertThat(concealed.at("/data/ok").asBoolean()).isTrue();
    }

    @Test
    void toolArgumentsComeBackWithValuesRevealedAndArgumentNamesKept() throws IOException {
        names.conceal("checkout on app-1");

        JsonNode args = JSON.readTree(names.revealJson(
                "{\"service\":\"<service-1>\",\"host\":\"<host-1>\",\"lines\":5,\"x\":\"<service-9>\"}"));

        assertThat(args.path("service").asText()).isEqualTo("checkout");
        assertThat(args.path("host").asText()).isEqualTo("app-1");
        assertThat(args.path("lines").asInt()).isEqualTo(5);
        assertThat(args.path("x").asText()).isEqualTo("<service-9>");
        assertThat(names.revealJson("{\"service\": crit"))
                .as("unparseable arguments are revealed as text")
                .isEqualTo("{\"service\": crit");
    }

    @Test
    void nameLearntMidwayIsConcealedFromThenOnWithoutRenumbering() {
        Map<String, NameKind> grown = new LinkedHashMap<>(Map.of("checkout", NameKind.SERVICE));
        Pseudonymiser growing = new Pseudonymiser(() -> NameCatalogue.of(grown), Pseudonyms.empty());
        assertThat(growing.conceal("ledger and checkout")).isEqualTo("ledger and <service-1>");

        grown.put("ledger", NameKind.SERVICE);

        assertThat(growing.conceal("ledger and checkout")).isEqualTo("<service-2> and <service-1>");
    }

    @Test
    void untrackableLabelValuesAreNotNames() {
        assertThat(NameCatalogue.trackable("42")).as("a bare number").isFalse();
        assertThat(NameCatalogue.trackable("x")).isFalse();
        assertThat(NameCatalogue.trackable("a\"b")).isFalse();
        assertThat(NameCatalogue.trackable("checkout-v2")).isTrue();
        assertThat(NameCatalogue.shaped("10.0.1.5")).isTrue();
        assertThat(NameCatalogue.of(Map.of("42", NameKind.SERVICE, "10.0.1.5", NameKind.HOST))
                        .size())
                .isZero();
    }
}
