package io.smartcloudops.chat.internal.nlu;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ALERT;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.ID;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.INSTANCE_TYPE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LEVEL;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LINES;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.METRIC;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.REPLICAS;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SEVERITY;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SPAN;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which mentions are slots of which intent, and under which name: a span is a {@code range} for
 * look-backs, a {@code horizon} for forecasts and a {@code duration} for silences; an identifier
 * is an {@code anomaly_id} when explaining and an {@code action_id} when deciding. Following the
 * slot conventions, status, help and out_of_scope have none, scale_up never takes a host, and a
 * silence keeps only the alert and the duration.
 */
public final class SlotPolicy {

    public static final String RANGE = "range";
    public static final String HORIZON = "horizon";
    public static final String DURATION = "duration";
    public static final String ACTION_ID = "action_id";
    public static final String ANOMALY_ID = "anomaly_id";

    private static final Map<Intent, List<String>> ALLOWED = new EnumMap<>(Map.ofEntries(
            Map.entry(Intent.STATUS, List.of()),
            Map.entry(Intent.HELP, List.of()),
            Map.entry(Intent.PENDING_APPROVALS, List.of()),
            Map.entry(Intent.OUT_OF_SCOPE, List.of()),
            Map.entry(Intent.METRIC_QUERY, List.of(METRIC, SERVICE, HOST, SPAN)),
            Map.entry(Intent.ANOMALIES, List.of(METRIC, SERVICE, HOST, SPAN)),
            Map.entry(Intent.EXPLAIN_ANOMALY, List.of(ID, METRIC, SERVICE, HOST, SPAN)),
            Map.entry(Intent.ALERTS, List.of(SEVERITY, SERVICE, HOST)),
            Map.entry(Intent.LOGS, List.of(SERVICE, HOST, LEVEL, LINES, SPAN)),
            Map.entry(Intent.RESTART_SERVICE, List.of(SERVICE, HOST)),
            Map.entry(Intent.SCALE_UP, List.of(SERVICE, REPLICAS, INSTANCE_TYPE)),
            Map.entry(Intent.HEALTH_CHECK, List.of(SERVICE, HOST)),
            Map.entry(Intent.FORECAST, List.of(METRIC, SERVICE, HOST, SPAN)),
            Map.entry(Intent.AUDIT, List.of(SERVICE, HOST, SPAN, ID)),
            Map.entry(Intent.APPROVE, List.of(ID)),
            Map.entry(Intent.DENY, List.of(ID)),
            Map.entry(Intent.SILENCE, List.of(ALERT, SPAN))));

    private SlotPolicy() {}

    /**
     * The slots of {@code intent} among the mentions, under their slot names, in a stable order. A
     * bare number ({@link SlotExtractor#NUMBER}) fills the one number-valued slot of an intent that
     * has exactly one and lacks it: a decision is about one action, so "ship 518" names it; a log
     * request counts only lines, so "redis logs 50" asks for fifty.
     */
    public static Map<String, Object> slotsFor(Intent intent, Map<String, Object> mentions) {
        Object bare = mentions.get(SlotExtractor.NUMBER);
        if (bare != null) {
            String number = bare.toString();
            Map<String, Object> filled = new LinkedHashMap<>(mentions);
            if ((intent == Intent.APPROVE || intent == Intent.DENY) && number.matches("\\d+")) {
                filled.putIfAbsent(ID, number);
            } else if (intent == Intent.LOGS) {
                NumberWords.parse(number).stream()
                        .filter(n -> n > 0)
                        .findFirst()
                        .ifPresent(n -> filled.putIfAbsent(LINES, n));
            }
            mentions = filled;
        }
        Map<String, Object> slots = new LinkedHashMap<>();
        for (String key : ALLOWED.get(intent)) {
            Object v = mentions.get(key);
            if (v != null) {
                slots.put(slotName(intent, key), v);
            }
        }
        return Map.copyOf(slots);
    }

    /** True when the intent takes the mention of that kind (neutral key) as a slot. */
    public static boolean takes(Intent intent, String mentionKey) {
        return ALLOWED.get(intent).contains(mentionKey);
    }

    /** The slot name a neutral mention key has for an intent. */
    public static String slotName(Intent intent, String mentionKey) {
        if (SPAN.equals(mentionKey)) {
            return switch (intent) {
                case FORECAST -> HORIZON;
                case SILENCE -> DURATION;
                default -> RANGE;
            };
        }
        if (ID.equals(mentionKey)) {
            return intent == Intent.EXPLAIN_ANOMALY || intent == Intent.ANOMALIES ? ANOMALY_ID : ACTION_ID;
        }
        return mentionKey;
    }

    /** The neutral mention key behind a slot name (the inverse of {@link #slotName}). */
    public static String mentionKey(String slotName) {
        return switch (slotName) {
            case RANGE, HORIZON, DURATION -> SPAN;
            case ACTION_ID, ANOMALY_ID -> ID;
            default -> slotName;
        };
    }
}
