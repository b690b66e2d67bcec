package io.smartcloudops.remediate.notify;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.api.spi.ProviderContext;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The built-in notifiers' providers: {@code log}, {@code webhook} and {@code slack}. */
public final class NotifierProviders {
    private NotifierProviders() {}

    static HttpPoster poster(ProviderConfig c, boolean headersAllowed) {
        c.requireOnly(headersAllowed ? Set.of("url", "timeout", "headers") : Set.of("url", "timeout"));
        URI url;
        try {
            url = URI.create(c.requireString("url"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("notifier url is not a URL: " + e.getMessage(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (headersAllowed) {
            c.section("headers").asMap().forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        try {
            return new HttpPoster(url, c.duration("timeout", Duration.ofSeconds(5)), headers);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** {@code log}. */
    public static final class Log implements NotifierProvider {
        @Override
        public String name() {
            return "log";
        }

        @Override
        public Notifier create(ProviderContext context) {
            context.config().requireOnly(Set.of());
            return new LogNotifier();
        }
    }

    /** {@code webhook}: settings {@code url}, {@code timeout} (default 5s), {@code headers}. */
    public static final class Webhook implements NotifierProvider {
        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public Notifier create(ProviderContext context) {
            return new WebhookNotifier(poster(context.config(), true));
        }
    }

    /** {@code slack}: settings {@code url} (the incoming-webhook URL), {@code timeout}. */
    public static final class Slack implements NotifierProvider {
        @Override
        public String name() {
            return "slack";
        }

        @Override
        public Notifier create(ProviderContext context) {
            return new SlackNotifier(poster(context.config(), false));
        }
    }
}
