package io.smartcloudops.api.examples;

import io.smartcloudops.api.notify.Notification;
import io.smartcloudops.api.notify.Notifier;
import io.smartcloudops.api.spi.NotifierProvider;
import io.smartcloudops.api.spi.ProviderContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

// The NotifierProvider example.
// tag::NotifierProvider[]
public final class MyNotifierProvider implements NotifierProvider {
    public String name() {
        return "mine";
    }

    public Notifier create(ProviderContext context) {
        return new MyNotifier(context.config().requireString("channel"));
    }
}
// end::NotifierProvider[]

/** Keeps what it was sent, by channel; a real one would post it somewhere. */
final class MyNotifier implements Notifier {
    private final String channel;
    private final List<String> sent = new CopyOnWriteArrayList<>();

    MyNotifier(String channel) {
        this.channel = channel;
    }

    @Override
    public String name() {
        return "mine";
    }

    @Override
    public void send(Notification notification) {
        sent.add(channel + ": " + notification.title());
    }
}
