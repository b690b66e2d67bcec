package io.smartcloudops.chat.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.chat.ChatEngine;
import io.smartcloudops.api.chat.ChatQuery;
import io.smartcloudops.api.chat.ChatReply;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.api.spi.ProviderContext;
import io.smartcloudops.chat.internal.answer.ActionAnswers;
import io.smartcloudops.chat.internal.answer.ConfirmStep;
import io.smartcloudops.chat.internal.answer.GuideAnswers;
import io.smartcloudops.chat.internal.answer.Proposals;
import io.smartcloudops.chat.internal.answer.ReadAnswers;
import io.smartcloudops.chat.internal.answer.Reply;
import io.smartcloudops.chat.internal.answer.Targets;
import io.smartcloudops.chat.internal.nlu.InputGuard;
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.SecretRedactor;
import io.smartcloudops.chat.internal.nlu.SlotExtractor;
import io.smartcloudops.chat.internal.nlu.SpeechActs;
import io.smartcloudops.chat.internal.nlu.Turn;
import io.smartcloudops.chat.internal.session.SessionLocks;
import io.smartcloudops.chat.internal.session.SessionStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ChatOps engine backed by a language model behind any OpenAI-compatible endpoint (OpenAI, a
 * LiteLLM proxy, Ollama's {@code /v1}). The model picks tools; the tools answer from the
 * {@link OpsView} and propose actions to the {@link ActionGateway} in the caller's name, with the
 * same answer logic as the offline engine. When the model fails, times out or calls tools wrongly,
 * the fallback engine answers instead and {@code data.fallback_reason} says why.
 *
 * <pre>{@code
 * try (ChatEngine chat = new LlmChatEngineProvider().create(context, view, gateway)) {
 *     ChatReply r = chat.answer(new ChatQuery("restart nginx on app-1", "s-1", alice));
 *     // r.intent() = restart_service, r.approvalId() = the gateway's pending approval
 * }
 * }</pre>
 *
 * <p>Before anything reaches the model, the offline engine's input guard runs (injection attempts are
 * answered as {@code out_of_scope} without calling the model) and secrets are redacted, for good.
 * Host, service, address and instance names are then pseudonymised reversibly per session
 * ({@code ConcealingChatModel}): the model reads {@code <service-2>}, the tools and the operator
 * {@code checkout}. Tool results go back fenced as untrusted data. Each session's message window and
 * placeholders live in the offline engine's SQLite session file and expire with it. Thread-safe: turns
 * of one session are serialised.
 */
public final class LlmChatEngine implements ChatEngine {

    static final String NAME = "llm";
    /** The model chose a tool; it reports no calibrated probability, so this is a fixed, documented value. */
    static final double TOOL_CONFIDENCE = 0.9;

    static final double NO_TOOL_CONFIDENCE = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(LlmChatEngine.class);

    private final LlmSettings settings;
    private final ChatModel model;
    private final ChatEngine fallback;
    private final InputGuard guard;
    private final SessionStore sessions;
    private final SessionMemoryStore memory;
    private final ChatMemoryProvider memories;
    private final ReadAnswers reads;
    private final ActionAnswers actions;
    private final DeploymentNames names;
    private final PseudonymStore pseudonyms;
    private final PromptLibrary prompts = PromptLibrary.bundled();
    private final SecretRedactor redactor = new SecretRedactor();
    private final SpeechActs acts = SpeechActs.bundled();
    private final ConfirmStep confirmations;
    private final DataFence fence = new DataFence(redactor);
    private final SessionLocks locks = new SessionLocks();

    /**
     * Reads its settings from {@code context.config()} and opens the session file under the data directory.
     *
     * @param fallback answers when the model cannot; this engine closes it when closed
     */
    public LlmChatEngine(ProviderContext context, OpsView view, ActionGateway gateway, ChatEngine fallback) {
        this.settings = LlmSettings.from(context.config());
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.model = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(settings.apiKey().isEmpty() ? null : settings.apiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .build();
        this.guard = new InputGuard(settings.offline().maxQueryChars());
        this.sessions = SessionStore.open(
                context.dataDir().resolve(settings.offline().sessionFile()),
                context.clock(),
                settings.offline().sessionTtl());
        this.sessions.purgeExpired();
        this.memory = new SessionMemoryStore(sessions);
        this.pseudonyms = new PseudonymStore(sessions);
        this.names = new DeploymentNames(view, context.clock(), SlotExtractor.knownServices());
        this.memories = id -> MessageWindowChatMemory.builder()
                .id(id)
                .maxMessages(settings.maxMessages())
                .chatMemoryStore(memory)
                .alwaysKeepSystemMessageFirst(true)
                .build();
        // The tools read through the harvester, so a name they turn up is concealed in the very result carrying it.
        this.reads = new ReadAnswers(new NameHarvestingView(view, names), context.clock());
        this.actions = new ActionAnswers(
                gateway,
                Proposals.forGateway(
                        gateway, context.clock(), settings.offline().confirmWithin()),
                () -> Targets.of(view));
        this.confirmations = new ConfirmStep(actions, acts, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChatReply answer(ChatQuery query) {
        ReentrantLock lock = locks.of(query.session());
        lock.lock();
        try {
            InputGuard.Verdict verdict = guard.inspect(query.text());
            if (!verdict.accepted()) {
                // Refused here: hostile or oversized text never reaches the model.
                Reply r = GuideAnswers.outOfScope(verdict, guard.maxChars());
                return new ChatReply(Intent.OUT_OF_SCOPE.label(), Map.of(), r.answer(), r.data(), null, 1.0, NAME);
            }
            // The same second step as the offline engine: an open proposal is settled before the model hears anything.
            ConfirmStep.Settled settled = confirmations.settle(query, verdict);
            if (settled.reply().isPresent()) {
                ChatReply r = settled.reply().get();
                sessions.save(
                        query.session(),
                        new Turn(
                                Intent.fromLabel(r.intent()).orElse(Intent.OUT_OF_SCOPE),
                                r.slots(),
                                r.slots(),
                                r.approvalId()));
                return r;
            }
            String text = redactor.redact(verdict.cleaned());
            ToolTurn turn = new ToolTurn(
                    query.principal(),
                    new InputGuard.Verdict(text, InputGuard.Rejection.NONE, ""),
                    sessions.load(query.session()),
                    acts.mayAskForActionNow(text.toLowerCase(Locale.ROOT)));
            List<ChatMessage> before = memory.getMessages(query.session());
            Pseudonymiser concealer = new Pseudonymiser(names::catalogue, pseudonyms.load(query.session()));
            String said;
            try {
                said = assistant(turn, query.session(), concealer)
                        .chat(query.session(), List.of(TextContent.from(text)))
                        .content();
            } catch (RuntimeException e) {
                // A failed turn must not leave half an exchange (a tool call without its result) in the window.
                memory.updateMessages(query.session(), before);
                return fallBack(query, text, turn, e);
            } finally {
                // Saved even when the turn failed: the model has seen these placeholders and the history may hold them
                // next turn.
                pseudonyms.save(query.session(), concealer.pseudonyms());
            }
            ChatReply reply = compose(turn, said);
            if (!settled.note().isEmpty()) {
                reply = new ChatReply(
                        reply.intent(),
                        reply.slots(),
                        settled.note() + " " + reply.answer(),
                        reply.data(),
                        reply.approvalId(),
                        reply.confidence(),
                        reply.engine());
            }
            remember(query.session(), turn, reply);
            return reply;
        } catch (RuntimeException e) {
            // The contract: never throw for any text.
            LOG.warn(
                    "llm chat query in session {} failed: {}",
                    query.session(),
                    redactor.redact(String.valueOf(e.getMessage())));
            return new ChatReply(
                    Intent.OUT_OF_SCOPE.label(),
                    Map.of(),
                    "Sorry, I could not answer that: " + e.getClass().getSimpleName(),
                    Map.of("error", e.getClass().getName()),
                    null,
                    0.0,
                    NAME);
        } finally {
            lock.unlock();
        }
    }

    private Assistant assistant(ToolTurn turn, String session, Pseudonymiser concealer) {
        return AiServices.builder(Assistant.class)
                .chatModel(new ConcealingChatModel(model, concealer))
                .chatMemoryProvider(memories)
                .systemMessageProvider(id -> prompts.systemPrompt(turn.principal()))
                .tools(new OpsTools(reads, actions.forSession(session), turn, fence))
                .maxToolCallingRoundTrips(settings.maxToolCalls())
                .hallucinatedToolNameStrategy(request -> {
                    throw new MalformedToolCallException(
                            "the model called an unknown tool '" + redactor.redact(request.name()) + "'", null);
                })
                .toolArgumentsErrorHandler((error, context) -> {
                    throw new MalformedToolCallException(
                            "the model passed unreadable arguments to "
                                    + context.toolExecutionRequest().name(),
                            error);
                })
                .toolExecutionErrorHandler((error, context) -> {
                    String tool = context.toolExecutionRequest().name();
                    String message = redactor.redact(String.valueOf(error.getMessage()));
                    LOG.warn("tool {} failed: {}", tool, message);
                    return ToolErrorHandlerResult.text(
                            fence.error(tool, error.getClass().getSimpleName() + ": " + message));
                })
                .build();
    }

    private ChatReply compose(ToolTurn turn, String said) {
        String text = said == null ? "" : said.strip();
        List<String> tools = turn.uses().stream().map(ToolUse::tool).toList();
        Optional<ToolUse> primary = turn.primary();
        if (primary.isEmpty()) {
            String answer = text.isEmpty()
                    ? GuideAnswers.outOfScope(turn.verdict(), guard.maxChars()).answer()
                    : text;
            return new ChatReply(
                    Intent.OUT_OF_SCOPE.label(),
                    Map.of(),
                    answer,
                    Map.of("tools", tools, "model", settings.model()),
                    null,
                    NO_TOOL_CONFIDENCE,
                    NAME);
        }
        ToolUse use = primary.get();
        String outcome = use.reply().answer();
        String answer;
        if (use.refused() || use.intent() == Intent.HELP) {
            // Role-dependent answers are the engine's, word for word: the model cannot widen them.
            answer = outcome;
        } else {
            answer = text.isEmpty() ? prompts.answer("model.silent", Map.of("summary", outcome)) : text;
            if (use.reachedGateway() && !answer.contains(outcome)) {
                answer = answer + "\n\n" + prompts.answer("gate.outcome", Map.of("outcome", outcome));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>(use.reply().data());
        data.put("tools", tools);
        data.put("model", settings.model());
        List<String> approvals = turn.uses().stream()
                .map(u -> u.reply().approvalId())
                .filter(Objects::nonNull)
                .toList();
        if (approvals.size() > 1) {
            data.put("approvals", approvals);
        }
        return new ChatReply(
                use.intent().label(), use.slots(), answer, data, use.reply().approvalId(), TOOL_CONFIDENCE, NAME);
    }

    private ChatReply fallBack(ChatQuery query, String text, ToolTurn turn, RuntimeException error) {
        FallbackReason reason = FallbackReason.of(error);
        LOG.warn(
                "llm engine: session {} answered by {} ({}): {}",
                query.session(),
                fallback.name(),
                reason.label(),
                redactor.redact(String.valueOf(error.getMessage())));
        ChatReply answered;
        Map<String, Object> data = new LinkedHashMap<>();
        Optional<ToolUse> proposed = turn.reachedGateway() ? turn.primary() : Optional.empty();
        if (proposed.isPresent()) {
            // The gateway already has this turn's request; asking the fallback would propose it a second time.
            ToolUse use = proposed.get();
            answered = new ChatReply(
                    use.intent().label(),
                    use.slots(),
                    use.reply().answer(),
                    use.reply().data(),
                    use.reply().approvalId(),
                    TOOL_CONFIDENCE,
                    fallback.name());
            data.put("reused_tool_result", true);
            remember(query.session(), turn, answered);
        } else {
            answered = fallback.answer(query);
        }
        data.putAll(answered.data());
        data.put("fallback_reason", reason.label());
        var window = memories.get(query.session());
        window.add(UserMessage.from(text));
        window.add(AiMessage.from(redactor.redact(answered.answer())));
        return new ChatReply(
                answered.intent(),
                answered.slots(),
                answered.answer(),
                data,
                answered.approvalId(),
                answered.confidence(),
                answered.engine().isEmpty() ? fallback.name() : answered.engine());
    }

    /** The turn as the offline engine remembers it, so its follow-ups ("yes", "same for redis") work after a fallback. */
    private void remember(String session, ToolTurn turn, ChatReply reply) {
        Optional<ToolUse> use = turn.primary();
        Intent intent = use.map(ToolUse::intent).orElse(Intent.OUT_OF_SCOPE);
        sessions.save(
                session,
                new Turn(intent, reply.slots(), use.map(ToolUse::mentions).orElse(Map.of()), reply.approvalId()));
    }

    @Override
    public void close() {
        try {
            sessions.close();
        } finally {
            fallback.close();
        }
    }
}
