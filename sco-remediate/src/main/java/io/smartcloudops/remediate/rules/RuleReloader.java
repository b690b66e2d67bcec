package io.smartcloudops.remediate.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps the rule set in force and replaces it from its file on request ({@code POST /-/reload},
 * as Prometheus does) or when the file's modification time changes. An invalid file is rejected
 * whole and the rules in force stay.
 *
 * <pre>{@code
 * RuleReloader rules = RuleReloader.fromFile(path, set -> engine.replaceRules(set.rules()));
 * rules.reloadIfChanged(); // call on every evaluation round
 * }</pre>
 */
public final class RuleReloader {
    private final Optional<Path> file;
    private final AtomicReference<RuleSet> current;
    private final Consumer<RuleSet> onChange;
    private FileTime lastModified;

    private RuleReloader(Optional<Path> file, RuleSet initial, FileTime modified, Consumer<RuleSet> onChange) {
        this.file = file;
        this.current = new AtomicReference<>(initial);
        this.lastModified = modified;
        this.onChange = onChange;
    }

    /** Loads the file now; throws {@link RuleFileException} when it is invalid (at start-up there is nothing to fall back to). */
    public static RuleReloader fromFile(Path file, Consumer<RuleSet> onChange) {
        FileTime modified = modifiedTime(file);
        RuleSet set = new RuleFileLoader().loadSet(file);
        onChange.accept(set);
        return new RuleReloader(Optional.of(file), set, modified, onChange);
    }

    /** A fixed rule set (embedded defaults) that has no file to reload from. */
    public static RuleReloader fixed(RuleSet set, Consumer<RuleSet> onChange) {
        onChange.accept(set);
        return new RuleReloader(Optional.empty(), set, null, onChange);
    }

    public RuleSet current() {
        return current.get();
    }

    public Optional<Path> file() {
        return file;
    }

    /**
     * Reads the file again.
     *
     * @throws RuleFileException naming every problem; the rules in force are unchanged
     */
    public RuleSet reload() {
        return reload(set -> {});
    }

    /**
     * Reads the file again and, once it parses, hands the new set to {@code beforeInstall} (to
     * record it in the audit log, say) before it comes into force; if that throws, the rules in
     * force stay and the exception goes to the caller.
     */
    public synchronized RuleSet reload(Consumer<RuleSet> beforeInstall) {
        if (file.isEmpty()) {
            beforeInstall.accept(current.get()); // asked for all the same: the request is recorded
            return current.get();
        }
        FileTime modified = modifiedTime(file.get());
        RuleSet set;
        try {
            set = new RuleFileLoader().loadSet(file.get());
        } catch (RuntimeException e) {
            lastModified = modified; // a bad file is reported once, not on every round
            throw e;
        }
        beforeInstall.accept(set); // when this fails the file counts as unread, so the next round tries again
        lastModified = modified;
        current.set(set);
        onChange.accept(set);
        return set;
    }

    /** Reloads when the file changed since the last load; returns the new set, or empty when unchanged. */
    public Optional<RuleSet> reloadIfChanged() {
        return reloadIfChanged(set -> {});
    }

    /** As {@link #reloadIfChanged()}, with {@code beforeInstall} as in {@link #reload(Consumer)}. */
    public synchronized Optional<RuleSet> reloadIfChanged(Consumer<RuleSet> beforeInstall) {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        FileTime modified = modifiedTime(file.get());
        if (modified == null || modified.equals(lastModified)) {
            return Optional.empty();
        }
        return Optional.of(reload(beforeInstall));
    }

    private static FileTime modifiedTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
