package io.smartcloudops.chat.llm;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.metric.Labels;
import io.smartcloudops.api.metric.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host and service names of this deployment, for the {@link NameCatalogue}: the services the
 * chat vocabulary knows, the values of identifying labels on every watched series (re-read at most
 * once per {@link #REFRESH}, so a question naming a host no tool has read yet is still covered), and
 * whatever the tools' reads turn up ({@link NameHarvestingView}). One per engine, shared by its
 * sessions: names belong to the deployment, placeholders to a session. Thread-safe.
 */
final class DeploymentNames {

    static final Duration REFRESH = Duration.ofMinutes(1);

    /** Labels whose values name a machine; the same set {@code SeriesMatcher} filters hosts by, and their kin. */
    private static final Set<String> HOST_LABELS =
            Set.of("host", "hostname", "instance", "node", "nodename", "pod", "instance_id");
    /** Labels whose values name a service or its process. */
    private static final Set<String> SERVICE_LABELS =
            Set.of("service", "service_name", "job", "unit", "app", "container", "deployment", "name");
    /** {@code instance="app-1:9100"}: the port is not part of the host's name. */
    private static final Pattern WITH_PORT = Pattern.compile("(.+):\\d{1,5}");

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentNames.class);

    private final OpsView view;
    private final InstantSource clock;
    private final Map<String, NameKind> names = new LinkedHashMap<>();
    private Instant refreshedAt;
    private NameCatalogue catalogue;

    /** @param services service names known without asking the view: the chat vocabulary's */
    DeploymentNames(OpsView view, InstantSource clock, Collection<String> services) {
        this.view = view;
        this.clock = clock;
        services.forEach(s -> names.putIfAbsent(s, NameKind.SERVICE));
    }

    /** The current catalogue, re-reading the watched series first when the last read is older than {@link #REFRESH}. */
    synchronized NameCatalogue catalogue() {
        Instant now = clock.instant();
        if (refreshedAt == null || !now.isBefore(refreshedAt.plus(REFRESH))) {
            refreshedAt = now;
            try {
                for (SeriesId s : view.series()) {
                    learn(s.labels());
                }
            } catch (RuntimeException e) {
                // Names already learnt still apply, and the shapes (addresses, instance ids) need no list.
                LOG.warn("cannot list the watched series for the name catalogue: {}", e.toString());
            }
        }
        if (catalogue == null) {
            catalogue = NameCatalogue.of(names);
        }
        return catalogue;
    }

    /** Learns the values of the identifying labels among these. */
    synchronized void learn(Labels labels) {
        labels.asMap().forEach((label, value) -> {
            if (HOST_LABELS.contains(label)) {
                learn(value, NameKind.HOST);
            } else if (SERVICE_LABELS.contains(label)) {
                learn(value, NameKind.SERVICE);
            }
        });
    }

    synchronized void learn(String value, NameKind kind) {
        if (value == null) {
            return;
        }
        Matcher port = WITH_PORT.matcher(value);
        String name = port.matches() ? port.group(1) : value;
        if (NameCatalogue.trackable(name) && !NameCatalogue.shaped(name) && names.putIfAbsent(name, kind) == null) {
            catalogue = null;
        }
    }
}
