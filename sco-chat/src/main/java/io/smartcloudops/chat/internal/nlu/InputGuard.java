package io.smartcloudops.chat.internal.nlu;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * First line of defence for untrusted chat text: size limit, control and invisible characters,
 * Unicode compatibility forms, and prompt-injection or shell-command attempts. The offline engine
 * has no prompt to leak and never runs commands, but answering such text plainly as out of scope
 * (rather than matching "run rm -rf on app-1" to a restart) keeps it from being steered.
 */
public final class InputGuard {

    /** Why a text is not interpreted; NONE when it is. */
    public enum Rejection {
        NONE,
        EMPTY,
        TOO_LONG,
        INJECTION
    }

    /** The cleaned text and whether it may be interpreted. */
    public record Verdict(String cleaned, Rejection rejection, String detail) {
        public boolean accepted() {
            return rejection == Rejection.NONE;
        }
    }

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Co}\\p{Cs}\\p{Cn}]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Combining marks with nothing to combine with: the tokenizer drops them, leaving nothing to read. */
    private static final Pattern ONLY_MARKS = Pattern.compile("[\\p{M}\\s]*");

    private static final List<Pattern> INJECTION = List.of(
            p(
                    "\\b(ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(previous|prior|above|earlier|all|your|the|any)\\b.{0,20}"
                            + "\\b(instructions?|prompts?|rules|guidelines|directives|context|policy|policies|guardrails)\\b"),
            p("\\b(system|hidden|initial|original|developer)\\s+(prompt|instructions?|message)\\b"),
            p(
                    "\\b(reveal|print|show|repeat|dump|leak|output|tell me)\\b.{0,30}\\b(your|the)\\s+(prompt|instructions|rules|configuration)\\b"),
            p("\\brm\\s+-[a-z]*[rf]"),
            p("\\b(sudo|chmod|chown|mkfs|dd\\s+if=)\\b|\\b(curl|wget)\\b.{0,80}\\|\\s*(sh|bash)\\b"),
            p(
                    "\\b(execute|run|eval|spawn)\\b.{0,30}\\b(arbitrary|shell|bash|sh|powershell|cmd|command|commands|script|code)\\b"),
            p("(;|&&|\\|\\||\\|)\\s*(rm|cat|sh|bash|nc|curl|wget|python|perl)\\b"),
            p("\\$\\(|`[^`]+`"),
            p("\\b(drop|truncate)\\s+(table|database)\\b"),
            p("\\b(jailbreak|developer mode|do anything now|dan mode)\\b"),
            p("\\byou are (now|no longer)\\b"),
            p("\\b(pretend|act as if) (you are|to be)\\b"),
            p("\\bforget (everything|all)\\b.{0,30}\\b(told|taught|learned|said|know)\\b"),
            p(
                    "\\b(act|behave|respond) as (an? |the )?(root|admin\\w*|superuser|sudo|unrestricted|(linux )?terminal|shell)\\b"),
            p("\\b(admin|god|root|sudo|superuser|unrestricted) mode\\b|^\\s*(system|assistant)\\s*:"),
            p("/etc/(passwd|shadow)|\\.ssh/|id_rsa|api[_ ]?keys?|secrets?\\b|credentials|passwords?\\b"),
            p(
                    "\\b(operator|api|access|auth|bearer|github|admin|viewer|session|your)\\s+tokens?\\b|\\b(private|ssh|signing|hmac)\\s+keys?\\b"));

    private final int maxChars;
    private final SecretRedactor redactor = new SecretRedactor();

    public InputGuard(int maxChars) {
        if (maxChars < 16) {
            throw new IllegalArgumentException("maxChars must be at least 16, got " + maxChars);
        }
        this.maxChars = maxChars;
    }

    public int maxChars() {
        return maxChars;
    }

    public Verdict inspect(String raw) {
        if (raw == null) {
            return new Verdict("", Rejection.EMPTY, "empty query");
        }
        // Measured before cleaning: a megabyte of zero-width characters is still a megabyte to parse.
        if (raw.length() > maxChars) {
            return new Verdict(
                    "", Rejection.TOO_LONG, "query has " + raw.length() + " characters; the limit is " + maxChars);
        }
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        text = INVISIBLE.matcher(text).replaceAll("");
        text = CONTROL.matcher(text).replaceAll(" ");
        text = text.replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace('\u201c', '"')
                .replace('\u201d', '"');
        text = SPACES.matcher(text).replaceAll(" ").strip();
        // Before anything keeps the text: an action's reason, the session, a log line, the model.
        text = redactor.redact(text);
        if (ONLY_MARKS.matcher(text).matches()) {
            return new Verdict("", Rejection.EMPTY, "empty query");
        }
        // The redactor's own markers ("[REDACTED:credentials]") are not a request for secrets.
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\[redacted(?::\\w+)?\\]", " ");
        for (Pattern p : INJECTION) {
            if (p.matcher(lower).find()) {
                return new Verdict(text, Rejection.INJECTION, "matches " + p.pattern());
            }
        }
        return new Verdict(text, Rejection.NONE, "");
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex);
    }
}
