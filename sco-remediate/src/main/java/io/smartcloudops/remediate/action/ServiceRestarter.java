package io.smartcloudops.remediate.action;

import io.smartcloudops.api.ActionException;

/** How {@code restart_service} restarts a unit: through systemd, or as a local process it manages. */
public interface ServiceRestarter {

    /** What a restart of the unit would do, for dry runs. */
    String plan(String unit) throws ActionException;

    /** Restarts the unit; returns what was done, or throws saying why it failed. */
    String restart(String unit) throws ActionException;
}
