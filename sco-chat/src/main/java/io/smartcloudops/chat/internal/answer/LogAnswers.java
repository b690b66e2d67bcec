package io.smartcloudops.chat.internal.answer;

import static io.smartcloudops.chat.internal.nlu.SlotExtractor.HOST;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LEVEL;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.LINES;
import static io.smartcloudops.chat.internal.nlu.SlotExtractor.SERVICE;

import io.smartcloudops.api.chat.LogLine;
import io.smartcloudops.api.chat.OpsView;
import io.smartcloudops.chat.internal.nlu.Interpretation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The last lines of the agent's own log, by level, window and the service or host they mention. */
final class LogAnswers {

    private final OpsView view;
    private final ReadScope readScope;

    LogAnswers(OpsView view, ReadScope readScope) {
        this.view = view;
        this.readScope = readScope;
    }

    Reply logs(Interpretation in) {
        Object requested = in.slots().get(LINES);
        int lines = requested instanceof Integer n ? Math.min(Math.max(n, 1), 500) : 20;
        String level = in.slot(LEVEL) == null ? "INFO" : in.slot(LEVEL).toUpperCase(Locale.ROOT);
        String service = in.slot(SERVICE);
        String host = in.slot(HOST);
        Instant since = readScope.since(in);
        boolean filtered = service != null || host != null || since != null;
        // The view serves the agent's own log; filtering by service needs a wider window to find enough lines.
        List<LogLine> all = view.logs(filtered ? Math.min(lines * 20, 5000) : lines, level);
        List<LogLine> picked = all.stream()
                .filter(l -> since == null || l.at() == null || !l.at().isBefore(since))
                .filter(l -> mentions(l, service) && mentions(l, host))
                .toList();
        picked = picked.subList(Math.max(0, picked.size() - lines), picked.size());
        String scope = (service == null ? "" : " mentioning " + service) + (host == null ? "" : " on " + host);
        if (picked.isEmpty()) {
            return Reply.of("No " + level + "+ lines in the agent's log" + scope + ".", Map.of("lines", List.of()));
        }
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "Last %d %s+ line(s) of the agent's log%s:", picked.size(), level, scope));
        picked.forEach(l ->
                sb.append(String.format(Locale.ROOT, "\n%s %-5s %s %s", l.at(), l.level(), l.logger(), l.message())));
        List<Map<String, Object>> rows = picked.stream()
                .map(l -> Map.<String, Object>of(
                        "at",
                        String.valueOf(l.at()),
                        "level",
                        String.valueOf(l.level()),
                        "logger",
                        String.valueOf(l.logger()),
                        "message",
                        String.valueOf(l.message())))
                .toList();
        return Reply.of(sb.toString(), Map.of("lines", rows));
    }

    private static boolean mentions(LogLine l, String token) {
        if (token == null) {
            return true;
        }
        String text = (l.logger() + " " + l.message()).toLowerCase(Locale.ROOT);
        return text.contains(token) || text.contains(token.replace('_', ' '));
    }
}
