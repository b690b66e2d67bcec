package io.smartcloudops.bench.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code text} of each line of a queries file in the shape of {@code queries-dev.jsonl}. */
public final class QueryFile {
    private QueryFile() {
    }

    public static List<String> texts(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
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
