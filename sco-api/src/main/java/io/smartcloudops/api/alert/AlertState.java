package io.smartcloudops.api.alert;

/** Prometheus' alert lifecycle, with the resolved state Alertmanager reports. */
public enum AlertState {
    INACTIVE,
    PENDING,
    FIRING,
    RESOLVED
}
