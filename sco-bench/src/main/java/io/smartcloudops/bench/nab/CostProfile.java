package io.smartcloudops.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One of NAB's application profiles: how much a detected window, a missed window and a false alarm
 * weigh. The true-negative weight exists in NAB's file but no score uses it.
 *
 * <pre>{@code
 * List<CostProfile> profiles = CostProfile.readAll(Path.of("datasets/nab/config/profiles.json"));
 * }</pre>
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
    public CostProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a cost profile needs a name");
        }
        if (!(tpWeight > 0) || !(fpWeight >= 0) || !(fnWeight >= 0)) {
            throw new IllegalArgumentException(
                    "profile " + name + ": tpWeight must be > 0, fpWeight and fnWeight >= 0");
        }
    }

    /** Reads NAB's {@code config/profiles.json}, keeping the file's order. */
    public static List<CostProfile> readAll(Path profilesJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(profilesJson.toFile());
        List<CostProfile> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue().path("CostMatrix");
            if (!m.has("tpWeight") || !m.has("fpWeight") || !m.has("fnWeight")) {
                throw new IOException(
                        profilesJson + ": profile '" + e.getKey() + "' lacks CostMatrix.tpWeight/fpWeight/fnWeight");
            }
            out.add(new CostProfile(
                    e.getKey(),
                    m.get("tpWeight").asDouble(),
                    m.get("fpWeight").asDouble(),
                    m.get("fnWeight").asDouble()));
        }
        if (out.isEmpty()) {
            throw new IOException(profilesJson + " defines no profile");
        }
        return List.copyOf(out);
    }
}
