package io.smartcloudops.aws.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's terraform/ folder parsed by hcl4j. Each input variable is bound to the text
 * {@code var.NAME}, so expressions keep showing which variable they use ({@code cidr_blocks =
 * [var.admin_cidr]} reads back as {@code [var.admin_cidr]}); other references stay as their text.
 * {@code file()} reads from the folder, as terraform does. A block that appears once is a map, more
 * than once a list: {@link #blocks} makes both a list.
 */
final class TerraformModel {
    static final Path DIR = Path.of("..", "terraform").toAbsolutePath().normalize();
    private static final Pattern VARIABLE = Pattern.compile("(?m)^variable \"([a-z_0-9]+)\"");

    private final Map<String, Map<String, Object>> parsed = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    TerraformModel() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Path> tf =
                    files.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
            List<String> variables = new ArrayList<>();
            for (Path p : tf) {
                String text = Files.readString(p);
                sources.put(p.getFileName().toString(), text);
                Matcher m = VARIABLE.matcher(text);
                while (m.find()) {
                    variables.add(m.group(1));
                }
            }
            for (Path p : tf) {
                parsed.put(p.getFileName().toString(), parse(p, variables));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(Path file, List<String> variables) {
        HCLParser parser = new HCLParser();
        variables.forEach(v -> parser.setVariable(v, "var." + v));
        parser.registerFunction("file", args -> {
            try {
                return Files.readString(DIR.resolve(String.valueOf(args.get(0)).replace("path.module/", "")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return map(plain(parser.parse(file.toFile(), false)));
        } catch (Exception e) {
            throw new AssertionError("hcl4j cannot parse " + file + ": " + e, e);
        }
    }

    /** hcl4j keeps unresolved references as its own objects; their text is what the tests compare. */
    private static Object plain(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        return o == null || o instanceof String || o instanceof Number || o instanceof Boolean ? o : String.valueOf(o);
    }

    Map<String, String> sources() {
        return sources;
    }

    Map<String, Map<String, Object>> files() {
        return parsed;
    }

    /** Every block of a kind (resource, data) and type, by name, across files. */
    Map<String, Map<String, Object>> all(String kind, String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> file : parsed.values()) {
            Map<String, Object> byType = map(file.get(kind));
            map(byType.get(type)).forEach((name, body) -> out.put(name, map(body)));
        }
        return out;
    }

    Map<String, Object> resource(String type, String name) {
        Map<String, Object> r = all("resource", type).get(name);
        if (r == null) {
            throw new AssertionError("no resource " + type + "." + name + " in " + DIR);
        }
        return r;
    }

    Map<String, Object> section(String kind) {
        Map<String, Object> out = new LinkedHashMap<>();
        parsed.values().forEach(f -> out.putAll(map(f.get(kind))));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Nested blocks of one kind: a single block comes back as a one-element list. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> blocks(Map<String, Object> body, String name) {
        Object o = body.get(name);
        if (o instanceof List<?> list) {
            return (List<Map<String, Object>>) list;
        }
        return o instanceof Map<?, ?> ? List.of((Map<String, Object>) o) : List.of();
    }

    static List<String> strings(Object o) {
        if (o instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }
}
