package io.smartcloudops.bench.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code text} of each line of a queries file in the shape of {@code queries-dev.jsonl}. A set
 * of 97 operator queries over all 16 intents is bundled ({@code queries-load.jsonl}, the one-turn
 * texts of sco-chat's set E), so the benchmarks run in a clone with nothing beside it.
 */
public final class QueryFile {
    private static final String BUNDLED = "queries-load.jsonl";

    private QueryFile() {}

    public static List<String> texts(Path file) throws IOException {
        return texts(Files.readAllLines(file), file.toString());
    }

    /** The bundled queries. */
    public static List<String> bundled() throws IOException {
        try (var in = QueryFile.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("bundled resource " + BUNDLED + " is missing from the sco-bench jar");
            }
            return texts(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList(),
                    BUNDLED);
        }
    }

    private static List<String> texts(List<String> lines, String file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                texts.add(json.readTree(line).path("text").asText());
            }
        }
        if (texts.isEmpty()) {
            throw new IOException(file + " holds no queries");
        }
        return texts;
    }
}
