/**
 * The offline ChatOps engine ({@code offline}): answers operators without any network service.
 *
 * <h2>How a query is understood</h2>
 * <ol>
 *   <li>The input guard limits size (2,000 characters by default), strips control and invisible
 *       characters, applies Unicode NFKC, and answers prompt-injection or shell-command attempts
 *       as {@code out_of_scope}.</li>
 *   <li>Rules find every entity (service, host, metric, time span, counts, alert names, ids) and
 *       normalise it to the slot conventions of {@code shared/chatops/README.md}.</li>
 *   <li>The intent is the best of sixteen by k-nearest-neighbour cosine similarity to hand-written
 *       example utterances, embedded in process by all-MiniLM-L6-v2 (quantised), plus small
 *       bonuses for the verbs and phrases operators use. Confidence is the softmax probability of
 *       the best intent.</li>
 *   <li>A follow-up resolves against the session's previous turn ("same for the api", "kick it",
 *       "yes, go ahead"); sessions live in SQLite under the data directory and expire.</li>
 * </ol>
 *
 * <h2>Low confidence</h2>
 * When the confidence is below {@code min-confidence} (0.4 by default), or an action intent was
 * recognised without any word asking for it, the reply's {@code intent} is still the best guess
 * and its {@code confidence} says how unsure it is, but the engine neither answers nor acts: the
 * answer is a clarifying question, and {@code data} holds {@code clarify=true} and the two
 * {@code candidates}.
 *
 * <h2>Actions</h2>
 * Restarts, scaling, health checks, silences, approvals and denials become calls on the
 * {@link io.smartcloudops.api.action.ActionGateway} in the caller's name; the engine never acts
 * itself. A caller whose role is below what the intent needs is refused before the gateway is
 * asked, and {@code help} lists only what the caller's role may ask.
 */
package io.smartcloudops.chat;
