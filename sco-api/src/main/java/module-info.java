/**
 * SmartCloudOps' types and service-provider interfaces: every other module depends on this one,
 * and it depends on nothing but slf4j. Every package here is public API; plugins implement the
 * {@code spi} types and are found by {@link java.util.ServiceLoader}, on the class path through
 * {@code META-INF/services} or on the module path through {@code provides}.
 */
module io.smartcloudops.api {
    requires org.slf4j;

    exports io.smartcloudops.api;
    exports io.smartcloudops.api.action;
    exports io.smartcloudops.api.alert;
    exports io.smartcloudops.api.audit;
    exports io.smartcloudops.api.chat;
    exports io.smartcloudops.api.checkpoint;
    exports io.smartcloudops.api.detect;
    exports io.smartcloudops.api.forecast;
    exports io.smartcloudops.api.metric;
    exports io.smartcloudops.api.notify;
    exports io.smartcloudops.api.source;
    exports io.smartcloudops.api.spi;
    exports io.smartcloudops.api.storage;

    uses io.smartcloudops.api.spi.ActionProvider;
    uses io.smartcloudops.api.spi.AuditArchiveProvider;
    uses io.smartcloudops.api.spi.AuditLogProvider;
    uses io.smartcloudops.api.spi.ChatEngineProvider;
    uses io.smartcloudops.api.spi.CheckpointStoreProvider;
    uses io.smartcloudops.api.spi.DetectorProvider;
    uses io.smartcloudops.api.spi.MetricSourceProvider;
    uses io.smartcloudops.api.spi.NotifierProvider;
}
