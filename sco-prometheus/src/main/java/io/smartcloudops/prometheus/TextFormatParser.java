package io.smartcloudops.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Prometheus' text exposition format (version 0.0.4, what Node Exporter serves): {@code #
 * TYPE} lines, samples {@code name{label="value",...} value [timestamp]} with escaped label values,
 * and {@code NaN}/{@code +Inf}/{@code -Inf}. Strict: a malformed line fails the whole scrape with
 * its line number, as Prometheus does, rather than yielding a half-read page. No maintained Java
 * parser for this format exists (client_java writes it but does not read it), so this one is
 * property-tested instead (see TextFormatParserPropertyTest).
 */
final class TextFormatParser {
    static final int MAX_LINES = 200_000;
    static final int MAX_LINE_LENGTH = 64 * 1024;

    /** One parsed sample; {@code timestampMillis} is null when the line has none. */
    record Line(String name, Map<String, String> labels, double value, Long timestampMillis) {}

    /** The parsed page: samples in order and the declared type of each metric family. */
    record Page(List<Line> samples, Map<String, String> types) {}

    /** Thrown for a malformed page, naming the line. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private String text;
    private int pos;
    private int lineNo;

    Page parse(String body) throws ParseException {
        List<Line> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        String[] lines = body.split("\n", -1);
        if (lines.length > MAX_LINES) {
            throw new ParseException(MAX_LINES, "more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            lineNo = i + 1;
            String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (l.length() > MAX_LINE_LENGTH) {
                throw new ParseException(lineNo, "line longer than " + MAX_LINE_LENGTH + " characters");
            }
            String t = l.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("#")) {
                String[] f = t.split("\\s+", 4);
                if (f.length >= 4 && f[1].equals("TYPE")) {
                    String type = f[3].trim();
                    if (!List.of("counter", "gauge", "histogram", "summary", "untyped")
                            .contains(type)) {
                        throw new ParseException(lineNo, "unknown metric type '" + type + "'");
                    }
                    types.put(f[2], type);
                }
                continue;
            }
            samples.add(sample(t));
        }
        return new Page(samples, types);
    }

    private Line sample(String line) throws ParseException {
        text = line;
        pos = 0;
        String name = name(true);
        Map<String, String> labels = new LinkedHashMap<>();
        if (pos < text.length() && text.charAt(pos) == '{') {
            pos++;
            skipSpaces();
            while (pos < text.length() && text.charAt(pos) != '}') {
                String label = name(false);
                skipSpaces();
                expect('=');
                skipSpaces();
                String value = quoted();
                if (labels.put(label, value) != null) {
                    throw new ParseException(lineNo, "label '" + label + "' given twice");
                }
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    skipSpaces();
                }
            }
            expect('}');
        }
        if (pos >= text.length() || !Character.isWhitespace(text.charAt(pos))) {
            throw new ParseException(lineNo, "expected a space and a value after '" + name + "'");
        }
        String[] rest = text.substring(pos).strip().split("\\s+");
        if (rest.length > 2 || rest[0].isEmpty()) {
            throw new ParseException(
                    lineNo,
                    "expected 'value [timestamp]', got '" + text.substring(pos).strip() + "'");
        }
        double value = value(rest[0]);
        Long ts = null;
        if (rest.length == 2) {
            try {
                ts = Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new ParseException(lineNo, "timestamp '" + rest[1] + "' is not milliseconds since the epoch");
            }
        }
        return new Line(name, labels, value, ts);
    }

    private double value(String s) throws ParseException {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new ParseException(lineNo, "'" + s + "' is not a sample value");
                }
                yield Double.parseDouble(s);
            }
        };
    }

    private String name(boolean metric) throws ParseException {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean ok = Character.isLetter(c) && c < 128
                    || c == '_'
                    || (metric && c == ':')
                    || (pos > start && c >= '0' && c <= '9');
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new ParseException(
                    lineNo, "expected a " + (metric ? "metric" : "label") + " name at column " + (pos + 1));
        }
        return text.substring(start, pos);
    }

    private String quoted() throws ParseException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case '\\' -> sb.append('\\');
                    case '"' -> sb.append('"');
                    default -> throw new ParseException(lineNo, "unknown escape '\\" + e + "' in a label value");
                }
            } else {
                sb.append(c);
            }
        }
        throw new ParseException(lineNo, "unterminated label value");
    }

    private void expect(char c) throws ParseException {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new ParseException(lineNo, "expected '" + c + "' at column " + (pos + 1));
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }
}
