package io.smartcloudops.examples.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as Docker reads it: comments and parser directives dropped, backslash
 * continuations joined, each instruction in the stage that holds it. A stage built {@code FROM}
 * another stage inherits that stage's instructions, so {@link #effective} answers what a target
 * image ends up with (its USER, VOLUME, ENV, HEALTHCHECK, ENTRYPOINT).
 */
final class Dockerfile {
    record Instruction(String keyword, String args) {}

    record Stage(String name, String from, List<Instruction> instructions) {}

    private static final Pattern FROM = Pattern.compile("(?i)^(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?$");

    private final Map<String, Stage> stages = new LinkedHashMap<>();

    private Dockerfile() {}

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        Dockerfile d = new Dockerfile();
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#") && current.isEmpty() || line.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (line.endsWith("\\")) {
                current.append(line.substring(0, line.length() - 1).strip()).append(" ");
            } else {
                current.append(line);
                logical.add(current.toString().strip());
                current.setLength(0);
            }
        }
        Stage stage = null;
        int index = 0;
        for (String l : logical) {
            int space = l.indexOf(' ');
            String keyword = (space < 0 ? l : l.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : l.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                Matcher m = FROM.matcher(args);
                if (!m.matches()) {
                    throw new AssertionError("cannot read FROM " + args);
                }
                String name = m.group(2) == null ? String.valueOf(index) : m.group(2);
                stage = new Stage(name, m.group(1), new ArrayList<>());
                d.stages.put(name, stage);
                index++;
            } else if (stage == null) {
                if (!keyword.equals("ARG")) {
                    throw new AssertionError(keyword + " before the first FROM");
                }
            } else {
                stage.instructions().add(new Instruction(keyword, args));
            }
        }
        return d;
    }

    Map<String, Stage> stages() {
        return stages;
    }

    /** The instructions of a stage, after those of the stages it is built from, oldest first. */
    List<Instruction> effective(String name) {
        Stage s = stages.get(name);
        if (s == null) {
            throw new AssertionError("no stage " + name + " in " + stages.keySet());
        }
        List<Instruction> out = new ArrayList<>(stages.containsKey(s.from()) ? effective(s.from()) : List.of());
        out.addAll(s.instructions());
        return out;
    }

    /** The last value of an instruction in a target image (Docker keeps the last USER, HEALTHCHECK, ...). */
    Optional<String> last(String stage, String keyword) {
        List<Instruction> all = effective(stage);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).keyword().equals(keyword)) {
                return Optional.of(all.get(i).args());
            }
        }
        return Optional.empty();
    }

    /** ENV values a target image has: {@code ENV A=1 B=2} and the old {@code ENV A 1}. */
    Map<String, String> env(String stage) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Instruction i : effective(stage)) {
            if (!i.keyword().equals("ENV")) {
                continue;
            }
            Matcher kv = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)")
                    .matcher(i.args());
            boolean any = false;
            while (kv.find()) {
                out.put(kv.group(1), kv.group(2).replaceAll("^\"|\"$", ""));
                any = true;
            }
            if (!any) {
                String[] parts = i.args().split("\\s+", 2);
                out.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return out;
    }
}
