package io.smartcloudops.prometheus;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.spi.ProviderConfig;
import java.net.URI;

/** The {@code url} setting both sources need: present, a URL, and http or https. */
final class HttpUrlSetting {
    private HttpUrlSetting() {}

    static URI require(ProviderConfig c, String source) {
        URI url;
        try {
            url = URI.create(c.requireString("url"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + " url is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new ConfigException(source + " url must be http or https, got " + url);
        }
        return url;
    }
}
