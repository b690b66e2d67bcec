package io.smartcloudops.api.action;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One typed parameter of an action.
 *
 * <pre>{@code
 * ParameterSpec unit = ParameterSpec.required("unit", "[a-zA-Z0-9@._-]{1,64}", "systemd unit or process name");
 * }</pre>
 *
 * @param pattern the whole value must match it; this is how parameters are validated before use
 */
public record ParameterSpec(String name, boolean required, Pattern pattern, String description) {
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        description = description == null ? "" : description;
    }

    public static ParameterSpec required(String name, String regex, String description) {
        return new ParameterSpec(name, true, Pattern.compile(regex), description);
    }

    public static ParameterSpec optional(String name, String regex, String description) {
        return new ParameterSpec(name, false, Pattern.compile(regex), description);
    }

    public boolean accepts(String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
