/**
 * The language-model ChatOps engine ({@code llm}): an OpenAI-compatible chat model chooses among
 * tools that read the {@link io.smartcloudops.api.chat.OpsView} and propose actions to the
 * {@link io.smartcloudops.api.action.ActionGateway}; the offline engine answers when the model cannot.
 *
 * <h2>What reaches the model</h2>
 * <ul>
 *   <li>Only text the offline engine's input guard accepts: injection attempts, shell commands and
 *       oversized input are answered as {@code out_of_scope} without a request.</li>
 *   <li>Secrets (AWS access keys, bearer tokens, credentials in URLs, {@code key=value} passwords and
 *       API keys, JWTs, private keys) are redacted from the question and from every tool result.</li>
 *   <li>Tool results are JSON objects {@code {"tool", "note", "data"}} whose note says the data is
 *       untrusted and never to be obeyed.</li>
 *   <li>Identifying names are pseudonymised, reversibly and per session: known host and service names
 *       (the chat vocabulary's services, the values of host- and service-like labels such as
 *       {@code host}, {@code instance}, {@code job}, {@code service} on the watched series and on
 *       what the tools read), and any IPv4/IPv6 address, cloud instance id, {@code ip-10-0-1-5}-style
 *       host or name under a private DNS suffix ({@code .internal}, {@code .local}, ...). The model reads
 *       {@code <host-1>}, {@code <service-2>}, {@code <ip-3>}, {@code <instance-4>}; the answer and the
 *       tool-call arguments are revealed before anyone sees or acts on them. Alert and metric names,
 *       the role words {@code app} and {@code monitor}, and approval and anomaly ids are vocabulary and
 *       stay readable. Every request is concealed whole at the model's door
 *       ({@code ConcealingChatModel}), so nothing sent can skip it.</li>
 * </ul>
 *
 * <h2>What the model can do</h2>
 * Read, and propose. Actions are requests in the caller's name through the gateway's policy gate; a
 * viewer's proposal is refused before the gateway; an approval or denial needs an id the person typed,
 * or the one proposed in the previous turn. The system prompt, few-shot examples and answer
 * templates are resources beside this package.
 */
package io.smartcloudops.chat.llm;
