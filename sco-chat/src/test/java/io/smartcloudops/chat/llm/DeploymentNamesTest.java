package io.smartcloudops.chat.llm;

import static io.smartcloudops.chat.llm.LlmTestKit.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentNamesTest {

    private final LlmTestKit.ManualClock clock = new LlmTestKit.ManualClock(T0);

    /** The named deployment, counting how often the series were listed. */
    private static final class CountingView extends ForwardingView {
        final List<SeriesId> extra = new ArrayList<>();
        int listed;

        CountingView() {
            super(new NamedDeploymentView(T0));
        }

        @Override
        public List<SeriesId> series() {
            listed++;
            List<SeriesId> all = new ArrayList<>(super.series());
            all.addAll(extra);
            return all;
        }
    }

    private static String conceal(DeploymentNames names, String text) {
        return new Pseudonymiser(names::catalogue, Pseudonyms.empty()).conceal(text);
    }

    @Test
    void knowsTheVocabularysServicesAndTheIdentifyingLabelsOfTheWatchedSeries() {
        DeploymentNames names = new DeploymentNames(new CountingView(), clock, List.of("nginx"));

        assertThat(conceal(
                        names,
                        "nginx, app-1, checkout, payments, 10.0.1.7:8080, node_exporter, i-0abc12345def67890, cpu"))
                .isEqualTo(
                        "<service-1>, <host-1>, <service-2>, <service-3>, <ip-1>:8080, <service-4>, <instance-1>, cpu");
    }

    @Test
    void relistsTheSeriesOnlyOncePerRefreshInterval() {
        CountingView view = new CountingView();
        DeploymentNames names = new DeploymentNames(view, clock, List.of());
        names.catalogue();
        view.extra.add(SeriesId.of("up", Labels.of("job", "ledger")));

        names.catalogue();
        assertThat(view.listed).isEqualTo(1);
        assertThat(conceal(names, "ledger")).isEqualTo("ledger");

        clock.advance(DeploymentNames.REFRESH);
        assertThat(conceal(names, "ledger")).isEqualTo("<service-1>");
        assertThat(view.listed).isEqualTo(2);
    }

    @Test
    void toolReadsTeachTheNamesTheyReturnBeforeTheResultIsConcealed() {
        DeploymentNames names = new DeploymentNames(new CountingView(), clock, List.of());
        names.catalogue();
        assertThat(conceal(names, "ledger")).as("only an alert names it").isEqualTo("ledger");

        new NameHarvestingView(new NamedDeploymentView(T0), names).alerts();

        assertThat(conceal(names, "ledger")).isEqualTo("<service-1>");
    }

    @Test
    void listsNeitherAddressesNorNumbersAsNamesAndDropsPorts() {
        DeploymentNames names = new DeploymentNames(new CountingView(), clock, List.of());
        names.learn(Labels.of("instance", "app-7:9100", "host", "10.0.9.9", "pod", "42", "mode", "idle"));

        assertThat(conceal(names, "app-7 10.0.9.9 42 idle")).isEqualTo("<host-1> <ip-1> 42 idle");
    }

    @Test
    void viewThatCannotListItsSeriesLeavesTheShapesInForce() {
        DeploymentNames names = new DeploymentNames(
                new ForwardingView(new NamedDeploymentView(T0)) {
                    @Override
                    public List<SeriesId> series() {
                        throw new IllegalStateException("source down");
                    }
                },
                clock,
                List.of("nginx"));

        assertThat(conceal(names, "nginx on 10.0.1.7")).isEqualTo("<service-1> on <ip-1>");
    }
}
