package io.smartcloudops.api.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pairs each {@code <pre>{@code ...}</pre>} example of the Javadoc with the region of compiled example code it is
 * lifted from. A region lies between {@code // tag::NAME[]} and {@code // end::NAME[]} lines ({@code #} for files
 * that are not Java), and NAME says where its example stands: the type's simple name for the type's comment
 * ({@code ProviderRegistry}), with the member for a member's ({@code DetectorFactory.of}), and {@code -2},
 * {@code -3} for further examples in one comment. Both sides are compared without their common indentation and
 * trailing whitespace.
 *
 * <p>Published in sco-api's test jar, so that the other modules check their examples with the same rules.
 */
public final class JavadocExamples {
    private static final Pattern OPEN = Pattern.compile("^\\s*\\*?\\s*<pre>\\{@code\\s*$");
    private static final Pattern CLOSE = Pattern.compile("^\\s*\\*?\\s*}</pre>\\s*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*(?://|#)\\s*(tag|end)::([\\w.-]+)\\[]\\s*$");
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|record|enum)\\s+(\\w+)");
    private static final Pattern MEMBER = Pattern.compile("(\\w+)\\s*[(=;]");

    private JavadocExamples() {}

    /** An example or a region: its name, and where its first line stands. */
    public record Block(String name, Path file, int firstLine, List<String> lines) {
        public String at(int index) {
            return file + ":" + (firstLine + index);
        }
    }

    /**
     * Fails, naming each one, unless every Javadoc example under {@code sources} is its compiled region under
     * {@code regionRoots} and every region is an example; there must be at least one example.
     */
    public static void assertEveryExampleIsARegion(Path sources, List<Path> regionRoots) {
        List<Block> examples = javadocBlocks(sources);
        if (examples.isEmpty()) {
            throw new AssertionError("no <pre>{@code} examples under " + sources.toAbsolutePath());
        }
        List<String> problems = problems(examples, regions(regionRoots));
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " of " + examples.size()
                    + " Javadoc examples are not their compiled region:\n" + String.join("\n", problems));
        }
    }

    /** Every example of the Javadoc comments in the {@code .java} files under {@code root}, named by where it stands. */
    public static List<Block> javadocBlocks(Path root) {
        List<Block> blocks = new ArrayList<>();
        for (Path file : files(root, ".java")) {
            List<String> lines = read(file);
            String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
            List<Block> inComment = new ArrayList<>();
            boolean comment = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!comment && line.trim().startsWith("/**")) {
                    comment = true;
                    inComment.clear();
                }
                if (comment && line.contains("<pre>{@code")) {
                    if (!OPEN.matcher(line).matches()) {
                        throw new IllegalStateException(
                                file + ":" + (i + 1) + ": put the example on the lines after <pre>{@code");
                    }
                    int start = i + 1;
                    List<String> code = new ArrayList<>();
                    for (i = start;
                            i < lines.size() && !CLOSE.matcher(lines.get(i)).matches();
                            i++) {
                        code.add(lines.get(i).replaceFirst("^\\s*\\*", ""));
                    }
                    if (i == lines.size()) {
                        throw new IllegalStateException(file + ":" + start + ": <pre>{@code without }</pre>");
                    }
                    inComment.add(new Block(null, file, start + 1, normalised(code)));
                    continue;
                }
                if (comment && line.contains("*/")) {
                    comment = false;
                    String name = nameAfter(simpleName, lines, i + 1);
                    for (int n = 0; n < inComment.size(); n++) {
                        Block b = inComment.get(n);
                        blocks.add(new Block(n == 0 ? name : name + "-" + (n + 1), b.file(), b.firstLine(), b.lines()));
                    }
                }
            }
        }
        return blocks;
    }

    /** Every tagged region in the files under {@code roots}, by name. */
    public static Map<String, Block> regions(List<Path> roots) {
        Map<String, Block> regions = new LinkedHashMap<>();
        for (Path root : roots) {
            for (Path file : files(root, "")) {
                List<String> lines = read(file);
                String open = null;
                int start = 0;
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (!m.matches()) {
                        continue;
                    }
                    String name = m.group(2);
                    if (m.group(1).equals("tag")) {
                        if (open != null) {
                            throw new IllegalStateException(
                                    file + ":" + (i + 1) + ": tag::" + name + " inside region " + open);
                        }
                        open = name;
                        start = i + 1;
                    } else {
                        if (!name.equals(open)) {
                            throw new IllegalStateException(
                                    file + ":" + (i + 1) + ": end::" + name + " closes " + open);
                        }
                        Block region = new Block(name, file, start + 1, normalised(lines.subList(start, i)));
                        Block before = regions.putIfAbsent(name, region);
                        if (before != null) {
                            throw new IllegalStateException(
                                    "region " + name + " is tagged twice: " + before.at(0) + " and " + region.at(0));
                        }
                        open = null;
                    }
                }
                if (open != null) {
                    throw new IllegalStateException(
                            file + ":" + start + ": region " + open + " has no end::" + open + "[]");
                }
            }
        }
        return regions;
    }

    /** What is wrong, one message each: an example without its region, one that differs, a region without an example. */
    public static List<String> problems(List<Block> examples, Map<String, Block> regions) {
        List<String> problems = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Block example : examples) {
            Block region = regions.get(example.name());
            if (region == null) {
                problems.add(
                        example.at(0) + ": example " + example.name() + " has no compiled region; tag it with // tag::"
                                + example.name() + "[] and // end::" + example.name() + "[] in the examples");
                continue;
            }
            used.add(example.name());
            int size = Math.max(example.lines().size(), region.lines().size());
            for (int i = 0; i < size; i++) {
                String javadoc = i < example.lines().size() ? example.lines().get(i) : null;
                String compiled = i < region.lines().size() ? region.lines().get(i) : null;
                if (!Objects.equals(javadoc, compiled)) {
                    problems.add(example.at(Math.min(i, example.lines().size())) + ": example " + example.name()
                            + " differs from "
                            + region.at(Math.min(i, region.lines().size())) + " at its line " + (i + 1)
                            + "\n    javadoc:  " + (javadoc == null ? "<no line>" : javadoc)
                            + "\n    compiled: " + (compiled == null ? "<no line>" : compiled));
                    break;
                }
            }
        }
        regions.values().stream()
                .filter(r -> !used.contains(r.name()))
                .forEach(r -> problems.add(r.at(0) + ": region " + r.name()
                        + " is no Javadoc example; remove it or put its example back"));
        return problems;
    }

    private static String nameAfter(String simpleName, List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("@")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.find()) {
                return type.group(1).equals(simpleName) ? simpleName : simpleName + "." + type.group(1);
            }
            Matcher member = MEMBER.matcher(line);
            return member.find() && !line.startsWith("package ") ? simpleName + "." + member.group(1) : simpleName;
        }
        return simpleName;
    }

    /** Without the common indentation and trailing whitespace. */
    private static List<String> normalised(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream()
                .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .toList();
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
