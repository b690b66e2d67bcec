package io.smartcloudops.chat.llm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One session's placeholders: which real name {@code host-1}, {@code service-2} or {@code ip-3} stands
 * for. Numbered per kind in order of first sight and never reused within the session, so the model
 * reads the same placeholder for the same name in every turn. Names are matched case-insensitively
 * and revealed in the spelling first seen. Confined to its session's lock; not thread-safe.
 */
final class Pseudonyms {

    /** A placeholder id without its brackets ({@code host-1}) and the name it stands for. */
    record Entry(String id, String name) {}

    private static final Pattern ID = Pattern.compile("(host|service|ip|instance)-([1-9]\\d{0,8})");

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> idOfName = new HashMap<>();
    private final Map<String, String> nameOfId = new HashMap<>();
    private final Map<NameKind, Integer> last = new EnumMap<>(NameKind.class);

    static Pseudonyms empty() {
        return new Pseudonyms();
    }

    /** The placeholders as stored; rejects a list this class could not have written. */
    static Pseudonyms of(List<Entry> entries) {
        Pseudonyms p = new Pseudonyms();
        for (Entry e : entries) {
            Matcher m = ID.matcher(e.id());
            if (!m.matches() || e.name() == null || e.name().isEmpty()) {
                throw new IllegalArgumentException("not a placeholder entry: " + e);
            }
            String nameKey = e.name().toLowerCase(Locale.ROOT);
            if (p.nameOfId.containsKey(e.id()) || p.idOfName.containsKey(nameKey)) {
                throw new IllegalArgumentException("placeholder or name listed twice: " + e);
            }
            p.put(e, NameKind.ofLabel(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return p;
    }

    /** The id standing for this name, allocating the kind's next number on first sight. */
    String idFor(NameCatalogue.Name name) {
        String existing = idOfName.get(name.spelling().toLowerCase(Locale.ROOT));
        if (existing != null) {
            return existing;
        }
        int n = last.getOrDefault(name.kind(), 0) + 1;
        Entry e = new Entry(name.kind().label() + "-" + n, name.spelling());
        put(e, name.kind(), n);
        return e.id();
    }

    /** The real name behind an id, if this session ever gave it out; ids are case-insensitive. */
    Optional<String> nameOf(String id) {
        return Optional.ofNullable(nameOfId.get(id.toLowerCase(Locale.ROOT)));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    int size() {
        return entries.size();
    }

    private void put(Entry e, NameKind kind, int n) {
        entries.add(e);
        idOfName.put(e.name().toLowerCase(Locale.ROOT), e.id());
        nameOfId.put(e.id(), e.name());
        last.merge(kind, n, Math::max);
    }
}
