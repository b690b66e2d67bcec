package io.smartcloudops.remediate.rules;

import io.smartcloudops.api.ConfigException;
import java.util.List;

/** A rule file was rejected whole; every problem names the file and line. */
public final class RuleFileException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public RuleFileException(List<String> problems) {
        super("rule file rejected (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
