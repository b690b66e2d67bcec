package io.smartcloudops.aws.action;

import io.smartcloudops.api.NonRetriableActionException;
import io.smartcloudops.api.action.ActionRequest;
import io.smartcloudops.api.action.ParameterSpec;
import java.util.List;

/**
 * Reads request parameters through their specs. The policy gate validates before an action runs;
 * checking again here keeps an action safe when it is embedded and called without the gate, because
 * these values end up in AWS API calls and, for SSM, in a shell command.
 */
final class RequestParameters {
    private RequestParameters() {}

    static String value(ActionRequest request, ParameterSpec spec, String fallback) throws NonRetriableActionException {
        String v = request.parameters().get(spec.name());
        if (v == null) {
            if (spec.required()) {
                throw new NonRetriableActionException("missing parameter '" + spec.name() + "' (" + spec.description()
                        + ", matching " + spec.pattern().pattern() + ")");
            }
            return fallback;
        }
        if (!spec.accepts(v)) {
            throw new NonRetriableActionException("parameter '" + spec.name() + "' = '" + printable(v)
                    + "' does not match " + spec.pattern().pattern() + " (" + spec.description() + ")");
        }
        return v;
    }

    /** Rejects parameters no spec names, so a typo ("instanceid") is not silently ignored. */
    static void rejectUnknown(ActionRequest request, List<ParameterSpec> specs) throws NonRetriableActionException {
        for (String name : request.parameters().keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(name))) {
                throw new NonRetriableActionException("unknown parameter '" + printable(name) + "'; known: "
                        + specs.stream().map(ParameterSpec::name).toList());
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
