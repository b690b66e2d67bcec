package io.smartcloudops.chat.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one door to the model: every request is pseudonymised on its way out and every response
 * revealed on its way in. Everything inside the process (the session's message window, the tools,
 * the policy gate, the answer shown to the operator) works with real names; only the wire carries
 * placeholders. Sitting at the model rather than at each producer of text means nothing can go round
 * it: the system prompt, the user's words, the history, tool results langchain4j assembles, and the
 * model's own earlier tool calls are all concealed, in full, on every request.
 *
 * <p>On the way back the answer text and each tool call's arguments are revealed, so a call of
 * {@code propose_restart_service(service="<service-2>")} reaches the tool, the gateway and the audit
 * trail as the real service. A message kind this class does not know is refused rather than sent
 * unconcealed. One per turn, confined to the session's lock.
 */
final class ConcealingChatModel implements ChatModel {

    private final ChatModel model;
    private final Pseudonymiser names;

    ConcealingChatModel(ChatModel model, Pseudonymiser names) {
        this.model = model;
        this.names = names;
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        ChatRequest concealed = request.toBuilder()
                .messages(request.messages().stream().map(this::conceal).toList())
                .build();
        ChatResponse response = model.chat(concealed, options);
        return response.aiMessage() == null
                ? response
                : response.toBuilder().aiMessage(reveal(response.aiMessage())).build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return model.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }

    private ChatMessage conceal(ChatMessage message) {
        if (message instanceof SystemMessage system) {
            return SystemMessage.from(names.conceal(system.text()));
        }
        if (message instanceof UserMessage user) {
            return user.toBuilder()
                    .contents(texts(user.contents(), names::conceal))
                    .build();
        }
        if (message instanceof AiMessage ai) {
            return ai.toBuilder()
                    .text(names.conceal(ai.text()))
                    .thinking(names.conceal(ai.thinking()))
                    .toolExecutionRequests(calls(ai, names::concealJson))
                    .build();
        }
        if (message instanceof ToolExecutionResultMessage result) {
            ToolExecutionResultMessage.Builder b = ToolExecutionResultMessage.builder()
                    .id(result.id())
                    .toolName(result.toolName())
                    .isError(result.isError())
                    .attributes(result.attributes());
            return (result.hasSingleText()
                            ? b.text(names.concealJson(result.text()))
                            : b.contents(texts(result.contents(), names::conceal)))
                    .build();
        }
        throw new IllegalStateException(
                "cannot pseudonymise a " + message.type() + " message; it is not sent to the model");
    }

    private AiMessage reveal(AiMessage ai) {
        return ai.toBuilder()
                .text(names.reveal(ai.text()))
                .thinking(names.reveal(ai.thinking()))
                .toolExecutionRequests(calls(ai, names::revealJson))
                .build();
    }

    private static List<ToolExecutionRequest> calls(AiMessage ai, UnaryOperator<String> arguments) {
        return ai.toolExecutionRequests().stream()
                .map(call -> call.toBuilder()
                        .arguments(call.arguments() == null ? null : arguments.apply(call.arguments()))
                        .build())
                .toList();
    }

    private static List<Content> texts(List<Content> contents, UnaryOperator<String> text) {
        return contents.stream()
                .map(c -> {
                    if (c instanceof TextContent t) {
                        return (Content) TextContent.from(text.apply(t.text()));
                    }
                    throw new IllegalStateException(
                            "cannot pseudonymise " + c.type() + " content; it is not sent to the model");
                })
                .toList();
    }
}
