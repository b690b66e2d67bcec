package io.smartcloudops.chat;

import io.smartcloudops.api.action.ActionGateway;
import io.smartcloudops.api.action.Principal;
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
import io.smartcloudops.chat.internal.nlu.Intent;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import io.smartcloudops.chat.internal.nlu.QueryInterpreter;
import io.smartcloudops.chat.internal.nlu.Turn;
import io.smartcloudops.chat.internal.session.SessionLocks;
import io.smartcloudops.chat.internal.session.SessionStore;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ChatOps engine that needs no network: an in-process sentence-embedding model and a learned model
 * recognise the intent, rules extract the slots, templates answer from the live {@link OpsView}, and
 * action intents become requests to the {@link ActionGateway} in the caller's name.
 *
 * <pre>{@code
 * try (ChatEngine chat = new OfflineChatEngineProvider().create(context, view, gateway)) {
 *     ChatReply p =
 *             chat.answer(new ChatQuery("restart nginx on app-1", "s-1", alice)); // a proposal: nothing sent yet
 *     ChatReply r = chat.answer(new ChatQuery("yes", "s-1", alice)); // alice confirms in time: the gate gets it
 * }
 * }</pre>
 *
 * <p>Each session remembers its last turn in SQLite (under the data directory) so follow-ups such as
 * "same for the api" or "kick it" resolve, across restarts, until the session expires. A pending
 * approval is remembered for one turn only. Every change is two steps ({@code ConfirmStep}): a
 * proposal that states what would run, then the same principal's "yes" in the same session within
 * {@code confirm-within}; a question, hypothetical, negated or scheduled request never proposes. Thread-safe: turns of one session are serialised, different sessions run in parallel.
 */
public final class OfflineChatEngine implements ChatEngine {

    static final String NAME = "offline";
    private static final Logger LOG = LoggerFactory.getLogger(OfflineChatEngine.class);

    private final QueryInterpreter interpreter;
    private final SessionStore sessions;
    private final ReadAnswers reads;
    private final ActionAnswers actions;
    private final Supplier<Targets> targets;
    private final ConfirmStep confirmations;
    private final SessionLocks locks = new SessionLocks();

    /** Loads the embedding model and the bundled examples (about a second), and opens the session file. */
    public OfflineChatEngine(ProviderContext context, OpsView view, ActionGateway gateway) {
        this(context, view, gateway, OfflineChatSettings.from(context.config()), null);
    }

    /** With a shared interpreter, for hosts that run several engines (and for tests). */
    OfflineChatEngine(
            ProviderContext context,
            OpsView view,
            ActionGateway gateway,
            OfflineChatSettings settings,
            QueryInterpreter shared) {
        this.interpreter =
                shared != null ? shared : QueryInterpreter.bundled(settings.maxQueryChars(), settings.minConfidence());
        InstantSource clock = context.clock();
        this.sessions =
                SessionStore.open(context.dataDir().resolve(settings.sessionFile()), clock, settings.sessionTtl());
        this.sessions.purgeExpired();
        this.reads = new ReadAnswers(view, clock);
        this.targets = () -> Targets.of(view);
        this.actions =
                new ActionAnswers(gateway, Proposals.forGateway(gateway, clock, settings.confirmWithin()), targets);
        this.confirmations = new ConfirmStep(actions, interpreter.speechActs(), NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChatReply answer(ChatQuery query) {
        ReentrantLock lock = locks.of(query.session());
        lock.lock();
        Interpretation in = null;
        try {
            // An open proposal is settled first: confirmed by its own principal in time, or cancelled by anything else.
            ConfirmStep.Settled settled =
                    confirmations.settle(query, interpreter.guard().inspect(query.text()));
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
            Optional<Turn> previous = sessions.load(query.session());
            in = interpreter.interpret(query.text(), previous.orElse(null));
            Reply reply = respond(in, query.principal(), actions.forSession(query.session()));
            if (!settled.note().isEmpty()) {
                reply = new Reply(settled.note() + " " + reply.answer(), reply.data(), reply.approvalId());
            }
            if (in.guard().accepted()) {
                // Rejected input leaves the conversation as it was.
                sessions.save(query.session(), new Turn(in.intent(), in.slots(), in.mentions(), reply.approvalId()));
            }
            return new ChatReply(
                    in.intent().label(),
                    in.slots(),
                    reply.answer(),
                    reply.data(),
                    reply.approvalId(),
                    in.confidence(),
                    NAME);
        } catch (RuntimeException e) {
            // The contract: never throw for any text. A failing view or gateway is reported, not propagated.
            LOG.warn("chat query in session {} failed", query.session(), e);
            return new ChatReply(
                    in == null ? Intent.OUT_OF_SCOPE.label() : in.intent().label(),
                    in == null ? Map.of() : in.slots(),
                    "Sorry, I could not answer that: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    Map.of("error", e.getClass().getName()),
                    null,
                    in == null ? 0.0 : in.confidence(),
                    NAME);
        } finally {
            lock.unlock();
        }
    }

    private Reply respond(Interpretation in, Principal who, ActionAnswers actions) {
        if (in.refusal() != Interpretation.Refusal.NONE) {
            return GuideAnswers.refusal(in.refusal(), in.dropped());
        }
        if (!in.guard().accepted() || in.intent() == Intent.OUT_OF_SCOPE) {
            return GuideAnswers.outOfScope(in.guard(), interpreter.guard().maxChars());
        }
        if (in.about() != null && in.intent() == Intent.HELP) {
            return GuideAnswers.aboutAction(in.about(), who, targets.get());
        }
        if (in.clarify()) {
            return GuideAnswers.clarify(in.prediction());
        }
        if (!who.role().atLeast(in.intent().minimumRole())) {
            return GuideAnswers.refused(in.intent(), who);
        }
        Reply reply = switch (in.intent()) {
            case STATUS -> reads.status();
            case METRIC_QUERY -> reads.metric(in);
            case ANOMALIES -> reads.anomalies(in);
            case EXPLAIN_ANOMALY -> reads.explain(in);
            case ALERTS -> reads.alerts(in);
            case LOGS -> reads.logs(in);
            case FORECAST -> reads.forecast(in);
            case AUDIT -> reads.audit(in);
            case RESTART_SERVICE -> actions.restart(in, who);
            case SCALE_UP -> actions.scale(in, who);
            case HEALTH_CHECK -> actions.health(in, who);
            case SILENCE -> actions.silence(in, who);
            case APPROVE -> actions.approve(in, who);
            case DENY -> actions.deny(in, who);
            case HELP -> GuideAnswers.help(who, targets.get());
            case PENDING_APPROVALS -> actions.pending();
            case OUT_OF_SCOPE ->
                GuideAnswers.outOfScope(in.guard(), interpreter.guard().maxChars());
        };
        if (in.followUp()) {
            Map<String, Object> data = new LinkedHashMap<>(reply.data());
            data.put("followUp", true);
            return new Reply(reply.answer(), data, reply.approvalId());
        }
        return reply;
    }

    @Override
    public void close() {
        sessions.close();
    }
}
