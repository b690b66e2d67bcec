/** Metric sources that read Prometheus: its range-query API and scrapes of exporters (text exposition format). */
module io.smartcloudops.prometheus {
    requires transitive io.smartcloudops.api;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports io.smartcloudops.prometheus;

    provides io.smartcloudops.api.spi.MetricSourceProvider with
            io.smartcloudops.prometheus.PrometheusQuerySourceProvider,
            io.smartcloudops.prometheus.ScrapeSourceProvider;
}
