package io.smartcloudops.chat.llm;

import io.smartcloudops.api.action.Principal;
import io.smartcloudops.chat.internal.nlu.Intent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The engine's words that are not the model's: the system prompt, its few-shot examples and the
 * answer templates, read from resource files beside this class so they change without code.
 */
final class PromptLibrary {

    private final String systemTemplate;
    private final String examples;
    private final Properties answers;

    private PromptLibrary(String systemTemplate, String examples, Properties answers) {
        this.systemTemplate = systemTemplate;
        this.examples = examples;
        this.answers = answers;
    }

    /** The prompt, examples and templates bundled with the engine. */
    static PromptLibrary bundled() {
        Properties answers = new Properties();
        try (Reader r = new InputStreamReader(open("answers.properties"), StandardCharsets.UTF_8)) {
            answers.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled answers.properties", e);
        }
        return new PromptLibrary(text("system-prompt.txt"), text("few-shot.txt"), answers);
    }

    /** The system prompt for this caller: their role, and only what that role may ask for. */
    String systemPrompt(Principal who) {
        String allowed = Arrays.stream(Intent.values())
                .filter(i -> i != Intent.HELP
                        && i != Intent.OUT_OF_SCOPE
                        && who.role().atLeast(i.minimumRole()))
                .map(i -> "- " + i.description())
                .collect(Collectors.joining("\n"));
        boolean mayAct = Arrays.stream(Intent.values())
                .anyMatch(i -> i.isAction() && who.role().atLeast(i.minimumRole()));
        String prompt = systemTemplate
                .replace("${role}", who.role().name().toLowerCase(Locale.ROOT))
                .replace("${role_note}", answer(mayAct ? "role.may_act" : "role.read_only", Map.of()))
                .replace("${allowed}", allowed)
                .replace("${examples}", examples);
        // langchain4j renders the system message as a template; no "{{" may reach it.
        return prompt.replace("{{", "{ {").replace("}}", "} }");
    }

    /** A template from answers.properties with its {name} placeholders filled. */
    String answer(String key, Map<String, String> values) {
        String template = answers.getProperty(key);
        if (template == null) {
            throw new IllegalStateException("answers.properties has no template '" + key + "'");
        }
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.startsWith("#"))
                    .collect(Collectors.joining("\n"))
                    .strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = PromptLibrary.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    "the resource io/smartcloudops/chat/llm/" + name + " is missing from the sco-chat jar");
        }
        return in;
    }
}
