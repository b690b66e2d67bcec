package io.smartcloudops.chat.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifying names with a session's placeholders on the way to the model, and placeholders
 * with names on the way back: {@code restart checkout on 10.0.1.7} leaves as
 * {@code restart <service-9> on <ip-1>}, and {@code <service-9>} in the model's answer or tool
 * arguments comes back as {@code checkout}.
 *
 * <p>Placeholders are {@code <kind-n>}, angle brackets included: a shape people rarely type, unlike
 * {@code host-1}, which may well be a real host. Text that already holds that shape (a person typing
 * {@code <host-1>} to steer the model to a real host) is escaped on the way out with one backslash
 * after the bracket, {@code <\host-1>}, and unescaped on the way back, so it reaches the model and the
 * operator as the literal text it was, never as a name; {@code reveal(conceal(x))} equals {@code x}
 * for every text whose names are spelt as the catalogue spells them. A well-formed placeholder this
 * session never gave out (one the model invented) is left as it is.
 */
final class Pseudonymiser {

    /** A placeholder, or an escaped literal of one: its backslashes, kind and number. */
    private static final Pattern PLACEHOLDERS =
            Pattern.compile("<(\\\\*)(host|service|ip|instance)-(\\d{1,9})>", Pattern.CASE_INSENSITIVE);
    /** The same shape without groups, to embed in the scanner. */
    private static final String PLACEHOLDER_SHAPE = "(?i:<\\\\*(?:host|service|ip|instance)-\\d{1,9}>)";

    private final Supplier<NameCatalogue> catalogues;
    private final Pseudonyms pseudonyms;
    private final ObjectMapper json = new ObjectMapper();
    private NameCatalogue compiledFor;
    private Pattern scanner;

    /** @param catalogues asked before each text, so a name a tool read a moment ago is already covered */
    Pseudonymiser(Supplier<NameCatalogue> catalogues, Pseudonyms pseudonyms) {
        this.catalogues = catalogues;
        this.pseudonyms = pseudonyms;
    }

    Pseudonyms pseudonyms() {
        return pseudonyms;
    }

    /** The text with every name replaced by its placeholder and every placeholder-shaped literal escaped. */
    String conceal(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        NameCatalogue catalogue = catalogues.get();
        Matcher m = scanner(catalogue).matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            String replacement;
            String literal = m.group("placeholder");
            if (literal != null) {
                replacement = "<\\" + literal.substring(1);
            } else {
                replacement = catalogue
                        .identify(m.group())
                        .map(n -> "<" + pseudonyms.idFor(n) + ">")
                        .orElse(m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text with this session's placeholders replaced by their names and escaped literals unescaped. */
    String reveal(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = PLACEHOLDERS.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String escapes = m.group(1);
            String id = m.group(2) + "-" + m.group(3);
            String replacement =
                    escapes.isEmpty() ? pseudonyms.nameOf(id).orElse(m.group()) : "<" + escapes.substring(1) + id + ">";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A JSON document (a fenced tool result, tool-call arguments) concealed value by value and re-written,
     * so an escape stays valid JSON and a name is found however JSON quoted it. Keys of the outer object
     * are the document's structure ({@code tool}, {@code data}; argument names) and stay; keys inside
     * may be names ({@code "sources": {"prometheus": "ok"}}). Text that is not JSON is concealed as text.
     */
    String concealJson(String document) {
        return mapJson(document, this::conceal, true);
    }

    /** Tool-call arguments from the model with their string values revealed; the argument names stay. */
    String revealJson(String document) {
        return mapJson(document, this::reveal, false);
    }

    private String mapJson(String document, UnaryOperator<String> strings, boolean innerKeys) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return strings.apply(document);
        }
        if (root == null || !root.isContainerNode()) {
            return strings.apply(document);
        }
        return map(root, strings, innerKeys, true).toString();
    }

    private JsonNode map(JsonNode node, UnaryOperator<String> strings, boolean innerKeys, boolean outer) {
        if (node.isTextual()) {
            return TextNode.valueOf(strings.apply(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode out = json.createArrayNode();
            node.forEach(item -> out.add(map(item, strings, innerKeys, false)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = innerKeys && !outer ? strings.apply(field.getKey()) : field.getKey();
                out.set(key, map(field.getValue(), strings, innerKeys, false));
            }
            return out;
        }
        return node;
    }

    private Pattern scanner(NameCatalogue catalogue) {
        if (catalogue != compiledFor) {
            // Placeholder-shaped literals first: a name never starts with '<', and one scan keeps the escaping exact.
            scanner = Pattern.compile("(?<placeholder>" + PLACEHOLDER_SHAPE + ")|" + catalogue.regex());
            compiledFor = catalogue;
        }
        return scanner;
    }
}
