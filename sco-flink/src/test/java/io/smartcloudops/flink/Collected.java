package io.smartcloudops.flink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A test sink into an in-JVM list by name: the MiniCluster runs its tasks in the test's JVM. Each
 * test uses names of its own, so parallel or repeated runs do not mix.
 */
final class Collected<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> LISTS = new ConcurrentHashMap<>();

    private final String name;

    private Collected(String name) {
        this.name = name;
    }

    static <T> Collected<T> into(String name) {
        LISTS.put(name, Collections.synchronizedList(new ArrayList<>()));
        return new Collected<>(name);
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> get(String name) {
        List<Object> l = LISTS.get(name);
        synchronized (l) {
            return new ArrayList<>((List<T>) (List<?>) l);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = LISTS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
