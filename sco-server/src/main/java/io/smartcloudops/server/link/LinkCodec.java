package io.smartcloudops.server.link;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smartcloudops.api.metric.Labels;
import java.io.IOException;
import java.util.Map;

/**
 * The link's wire format: the API's own records as JSON (instants and durations in ISO-8601,
 * labels as an object, NaN as the string "NaN"). Both hosts of a pair run the same release, and
 * the routes carry a version ({@code /link/v1}) so a later format can live beside this one.
 */
public final class LinkCodec {
    private final ObjectMapper mapper;

    public LinkCodec() {
        SimpleModule labels = new SimpleModule("sco-labels");
        labels.addSerializer(Labels.class, new JsonSerializer<>() {
            @Override
            public void serialize(Labels value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeObject(value.asMap());
            }
        });
        labels.addDeserializer(Labels.class, new JsonDeserializer<>() {
            @Override
            public Labels deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                Map<String, String> map = p.readValueAs(new TypeReference<Map<String, String>>() {});
                return Labels.of(map == null ? Map.of() : map);
            }
        });
        mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(labels)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // a newer peer may add fields; an older one reads what it knows
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("the API's records always serialise: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public <T> T read(String json, TypeReference<T> type) {
        try {
            T value = mapper.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("expected a JSON value, got null");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException(messageOf(e), e);
        }
    }

    private static String messageOf(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
    }
}
