package io.smartcloudops.chat.internal.nlu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it leaves the process (to the language model) or reaches a
 * log. Redaction is one-way on purpose: a secret that reached chat is already exposed, and nothing
 * the model does needs it. Both engines redact through {@link InputGuard} before a text is
 * interpreted, so nothing stored (session, audit reason) or logged afterwards carries the secret.
 */
public final class SecretRedactor {

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    Pattern.compile(
                            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"),
                    "[REDACTED:private_key]"),
            // The agent's own API tokens (TokenStore: "sco_" and 256 random bits, base64url).
            new Rule(Pattern.compile("(?<![A-Za-z0-9_])sco_[A-Za-z0-9_-]{20,}"), "[REDACTED:sco_token]"),
            // AWS access key ids: long-term (AKIA), temporary (ASIA) and the rarer kinds.
            new Rule(
                    Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z0-9]{16}(?![A-Z0-9])"),
                    "[REDACTED:aws_access_key]"),
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}"), "$1 [REDACTED:token]"),
            new Rule(
                    Pattern.compile("(?i)\\b(authorization\\s*:\\s*(?:basic|digest|token))\\s+\\S+"),
                    "$1 [REDACTED:token]"),
            // user:password@host in any URL.
            new Rule(
                    Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,20}://)[^/\\s:@\"']+:[^/\\s@\"']+@"),
                    "$1[REDACTED:credentials]@"),
            new Rule(
                    Pattern.compile(
                            "(?i)\\b((?:aws_)?(?:api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|secret(?:[_-]?access)?[_-]?key"
                                    + "|client[_-]?secret|secret|token|auth[_-]?token|access[_-]?token|password|passwd|pwd|pw|pass))(\\s*[:=]\\s*)\"?[^\\s\"'&,;]+\"?"),
                    "$1$2[REDACTED]"),
            new Rule(
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
                    "[REDACTED:jwt]"),
            new Rule(
                    Pattern.compile(
                            "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}"
                                    + "|sk-[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20,})"),
                    "[REDACTED:token]"));

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(rule.replacement());
            }
        }
        return out;
    }

    /** The same structure with every string (keys included) redacted; numbers and booleans pass. */
    public Object redactDeep(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(redact(String.valueOf(k)), redactDeep(v)));
            return out;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(i -> out.add(redactDeep(i)));
            return out;
        }
        return value;
    }
}
