package io.smartcloudops.runtime;

import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.metric.SeriesId;
import java.util.List;

/**
 * What a host's HTTP API and chat read: the agent's own state on a monitor or an all-in-one
 * agent, or the monitor's state fetched over the link on the application host.
 */
public interface HostView extends OpsView {

    /** The newest points of a series with their expected bands, oldest first, at most {@code limit}. */
    List<ChartPoint> points(SeriesId series, int limit);
}
