package io.smartcloudops.api.action;

/** Whether an action really runs. DRY_RUN is the default everywhere: it records what would happen. */
public enum ActionMode {
    DRY_RUN,
    EXECUTE
}
