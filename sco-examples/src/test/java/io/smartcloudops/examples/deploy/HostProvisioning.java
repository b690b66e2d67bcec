package io.smartcloudops.examples.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one host's Terraform user data leaves on disk, read without running it: the settings
 * Terraform prepends (compute.tf), then the host script's top-level calls in order, expanding the
 * shared functions of common.sh, with each file-creating command recorded as a path with owner,
 * group and mode. Both branches of an {@code if} count (the deploy files are always uploaded, so the
 * fallbacks only add files). It understands the commands the user data uses, and fails on a
 * top-level call it does not know, so a new step cannot slip past the reference test unread.
 */
final class HostProvisioning {
    /** A file or directory as the user data leaves it. */
    record Entry(String path, boolean dir, String owner, String group, int mode) {
        Entry owned(String o, String g) {
            return new Entry(path, dir, o, g, mode);
        }

        boolean readableBy(String user) {
            int need = dir ? 5 : 4;
            return owner.equals(user) && ((mode >> 6) & need) == need
                    || group.equals(user) && ((mode >> 3) & need) == need
                    || (mode & need) == need;
        }

        boolean writableBy(String user) {
            return dir && owner.equals(user) && ((mode >> 6) & 7) == 7;
        }
    }

    /** A systemd service: who it runs as and its command line and environment. */
    record Unit(String name, String user, List<String> args) {}

    private static final Pattern FUNCTION = Pattern.compile("(?m)^([a-z_]+)\\(\\) \\{\\n(.*?)^\\}", Pattern.DOTALL);
    private static final Pattern EXPORT = Pattern.compile("\"export ([A-Z0-9_]+)='([^']*)'\"");
    /** {@code sed -i "s#@NAME@#value#g" FILE}: how the user data fills a deployed file's placeholders. */
    private static final Pattern PLACEHOLDER_SED = Pattern.compile("^sed -i \"s#(@[A-Z_]+@)#([^#\"]*)#g\" (\\S+)$");

    private static final Pattern ASSIGN =
            Pattern.compile("^(?:local )?([A-Za-z_]+)=\"?([^\"$]*(?:\\$[A-Za-z_{}]+[^\"$]*)*)\"?$");

    private final Path repo;
    private final String role;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> functions = new LinkedHashMap<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Path> origins = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> substitutions = new LinkedHashMap<>();

    private HostProvisioning(Path repo, String role) {
        this.repo = repo;
        this.role = role;
    }

    /** The host {@code role} (monitor, app) as terraform/compute.tf assembles its user data. */
    static HostProvisioning of(Path repo, String role) {
        HostProvisioning h = new HostProvisioning(repo, role);
        try {
            String compute = Files.readString(repo.resolve("terraform/compute.tf"));
            Matcher env = Pattern.compile("(?s)" + role + "_env = join\\(\"\\\\n\", \\[(.*?)\\]\\)")
                    .matcher(compute);
            if (!env.find()) {
                throw new AssertionError("terraform/compute.tf has no " + role + "_env");
            }
            Matcher e = EXPORT.matcher(env.group(1));
            while (e.find()) {
                h.vars.put(e.group(1), e.group(2));
            }
            if (!compute.contains("file(\"${path.module}/user-data/" + role + ".sh\")")) {
                throw new AssertionError("compute.tf does not give the " + role + " host user-data/" + role + ".sh");
            }
            String common = Files.readString(repo.resolve("terraform/user-data/common.sh"));
            String own = Files.readString(repo.resolve("terraform/user-data/" + role + ".sh"));
            h.run(common);
            h.run(own);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return h;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Map<String, Unit> units() {
        return units;
    }

    /** Files installed from the repository's deploy/ folder: host path to repository file. */
    Map<String, Path> origins() {
        return origins;
    }

    /**
     * The text a deployed file has on the host: the repository file with the user data's
     * {@code sed -i "s#@NAME@#value#g" FILE} placeholder substitutions applied.
     */
    String installedText(String hostPath) {
        Path from = origins.get(normal(hostPath));
        if (from == null) {
            throw new AssertionError(hostPath + " is not installed from the deploy folder on the " + role + " host");
        }
        try {
            String text = Files.readString(from);
            for (Map.Entry<String, String> s :
                    substitutions.getOrDefault(normal(hostPath), Map.of()).entrySet()) {
                text = text.replace(s.getKey(), s.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A setting Terraform gives this host (compute.tf's {@code export NAME='value'}), as its text. */
    Optional<String> setting(String name) {
        return Optional.ofNullable(vars.get(name));
    }

    String role() {
        return role;
    }

    Optional<Entry> entry(String path) {
        return Optional.ofNullable(entries.get(normal(path)));
    }

    /** Runs a script's top level: function definitions are kept, other lines are executed. */
    private void run(String script) {
        String joined = script.replace("\\\n", " ");
        Matcher f = FUNCTION.matcher(joined);
        StringBuilder top = new StringBuilder();
        int at = 0;
        while (f.find()) {
            functions.put(f.group(1), f.group(2));
            top.append(joined, at, f.start());
            at = f.end();
        }
        top.append(joined.substring(at));
        block(top.toString(), List.of(), true);
    }

    private void block(String text, List<String> args, boolean topLevel) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            Matcher heredoc =
                    Pattern.compile("^cat >\"?([^\" ]+)\"? <<'?([A-Z]+)'?$").matcher(line);
            if (heredoc.find()) {
                StringBuilder body = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals(heredoc.group(2)); i++) {
                    body.append(lines.get(i)).append('\n');
                }
                String file = expand(heredoc.group(1), args);
                put(new Entry(file, false, "root", "root", 0644));
                dropIn(file, expand(body.toString(), args));
                continue;
            }
            command(line, args, topLevel);
        }
    }

    /** A drop-in's {@code Environment=NAME=/path} lines are part of that unit's command. */
    private void dropIn(String file, String body) {
        Matcher m = Pattern.compile("^/etc/systemd/system/([a-z_-]+)\\.service\\.d/.*$")
                .matcher(file);
        if (!m.find()) {
            return;
        }
        Unit u = units.get(m.group(1));
        List<String> extra = new ArrayList<>(u == null ? List.of() : u.args());
        body.lines()
                .filter(l -> l.startsWith("Environment="))
                .forEach(l -> extra.add(l.substring("Environment=".length())));
        units.put(m.group(1), new Unit(m.group(1), u == null ? "root" : u.user(), extra));
    }

    private void command(String raw, List<String> args, boolean topLevel) {
        String line = raw.replaceFirst("^(if|then|else|elif|do)\\s+", "")
                .replaceFirst(";\\s*then$", "")
                .strip();
        Matcher placeholder = PLACEHOLDER_SED.matcher(expand(line, args));
        if (placeholder.matches()) {
            substitutions
                    .computeIfAbsent(normal(placeholder.group(3)), k -> new LinkedHashMap<>())
                    .put(placeholder.group(1), placeholder.group(2));
            return;
        }
        if (line.isEmpty()
                || line.startsWith("#")
                || line.matches("(?:fi|done|else|esac)\\b.*|(?:;;|\\}|\\{).*")
                || line.startsWith("set ")
                || line.startsWith(":")
                || line.startsWith("[")
                || line.startsWith("log ")
                || line.startsWith("for ")
                || line.startsWith("break")
                || line.startsWith("export ")
                || line.startsWith("shift")
                || line.startsWith("sed ")
                || line.startsWith("printf ")
                || line.startsWith("sleep ")
                || line.startsWith("visudo")
                || line.startsWith("rules+=")
                || line.startsWith("mv /etc/sudoers.d")
                || line.startsWith("systemctl")
                || line.startsWith("local attempt")
                || line.startsWith("echo ")
                || line.startsWith("return")
                || line.startsWith("case ")
                || line.matches("[a-z0-9*/:]+\\).*")) {
            return;
        }
        Matcher assign = ASSIGN.matcher(line);
        if (assign.find() && !line.contains(" ") || line.startsWith("local ") || line.matches("[a-z_]+=\"[^\"]*\"")) {
            String spec = line.replaceFirst("^local ", "");
            for (String one : spec.split(" (?=[a-z_]+=)")) {
                int eq = one.indexOf('=');
                if (eq > 0) {
                    String value = one.substring(eq + 1).replaceAll("^\"|\"$", "");
                    String name = one.substring(0, eq);
                    if (!value.startsWith("$(") && !value.isEmpty()) {
                        vars.put(name, expand(value, args));
                    }
                }
            }
            return;
        }
        List<String> words = words(expand(line, args));
        if (words.isEmpty()) {
            return;
        }
        String cmd = words.get(0);
        switch (cmd) {
            case "mkdir" ->
                words.stream()
                        .skip(1)
                        .filter(w -> w.startsWith("/"))
                        .forEach(d -> put(new Entry(d, true, "root", "root", 0755)));
            case "install" -> install(words);
            case "chown" -> chown(words);
            case "chmod" -> {
                int mode = Integer.parseInt(words.get(1), 8);
                words.stream()
                        .skip(2)
                        .map(HostProvisioning::normal)
                        .forEach(p -> entries.computeIfPresent(
                                p, (k, e) -> new Entry(k, e.dir(), e.owner(), e.group(), mode)));
            }
            case "cp" -> copy(words);
            case "aws" -> {
                // aws s3 cp --recursive "$SCO_DEPLOY_S3" DIR/: the repository's deploy/ folder (terraform/s3.tf uploads
                // it)
                if (words.contains("--recursive") && words.contains(vars.get("SCO_DEPLOY_S3"))) {
                    copyTree(repo.resolve("deploy"), words.get(words.size() - 1));
                }
            }
            case "dd", "mkswap", "swapon", "useradd", "id", "tar", "rm", "curl", "grep", "mv", "dnf" -> {
                if (cmd.equals("dnf") && words.contains("grafana")) {
                    grafanaPackage();
                }
                if (cmd.equals("dnf") && words.contains("nginx")) {
                    nginxPackage();
                }
                if (cmd.equals("dnf") && words.stream().anyMatch(w -> w.startsWith("java-17"))) {
                    put(new Entry("/usr/bin/java", false, "root", "root", 0755));
                }
            }
            case "fetch" -> put(new Entry(words.get(2), false, "root", "root", 0644));
            case "write_secret" -> put(new Entry(words.get(1), false, words.get(2), words.get(2), 0600));
            case "write_unit" ->
                units.put(words.get(1), new Unit(words.get(1), words.get(3), words.subList(4, words.size())));
            case "install_prometheus_release" -> {
                String project = words.get(1);
                put(new Entry("/opt/" + project, true, "root", "root", 0755));
                put(new Entry("/opt/" + project + "/" + project, false, "root", "root", 0755));
            }
            default -> {
                String body = functions.get(cmd);
                if (body == null) {
                    throw new AssertionError(
                            "the " + role + " user data runs `" + line + "`, which HostProvisioning does not know:"
                                    + " teach it what that command leaves on disk");
                }
                block(body, words.subList(1, words.size()), false);
            }
        }
    }

    /** What the Grafana RPM leaves: its directories and its unit, which runs as user grafana. */
    private void grafanaPackage() {
        put(new Entry("/etc/grafana", true, "root", "grafana", 0755));
        put(new Entry("/etc/grafana/provisioning", true, "root", "grafana", 0755));
        put(new Entry("/var/lib/grafana", true, "grafana", "grafana", 0755));
        units.put(
                "grafana-server",
                new Unit(
                        "grafana-server",
                        "grafana",
                        List.of(
                                "/usr/share/grafana/bin/grafana",
                                "cfg:default.paths.provisioning=/etc/grafana/provisioning")));
    }

    /**
     * What the nginx RPM leaves: its configuration and log folders and its unit, whose master runs as
     * root and reads /etc/nginx/nginx.conf (the workers, as user nginx, read no files here).
     */
    private void nginxPackage() {
        put(new Entry("/etc/nginx", true, "root", "root", 0755));
        put(new Entry("/etc/nginx/nginx.conf", false, "root", "root", 0644));
        put(new Entry("/var/log/nginx", true, "nginx", "root", 0711));
        units.put("nginx", new Unit("nginx", "root", List.of("/usr/sbin/nginx", "/etc/nginx/nginx.conf")));
    }

    private void install(List<String> w) {
        boolean dir = w.contains("-d");
        String owner = option(w, "-o").orElse("root");
        String group = option(w, "-g").orElse("root");
        int mode = Integer.parseInt(option(w, "-m").orElse("755"), 8);
        put(new Entry(w.get(w.size() - 1), dir, owner, group, mode));
    }

    private void chown(List<String> w) {
        boolean recursive = w.contains("-R");
        List<String> rest = w.stream().skip(1).filter(x -> !x.equals("-R")).toList();
        String[] og = rest.get(0).split(":");
        for (String p : rest.subList(1, rest.size())) {
            String root = normal(p);
            entries.replaceAll((path, e) ->
                    path.equals(root) || recursive && path.startsWith(root + "/") ? e.owned(og[0], og[1]) : e);
        }
    }

    private void copy(List<String> w) {
        List<String> rest = w.stream().skip(1).filter(x -> !x.startsWith("-")).toList();
        String src = rest.get(0);
        String dest = rest.get(1);
        Path fromRepo = deployFile(src);
        if (w.contains("-r")) {
            copyTree(fromRepo, dest);
        } else if (Files.isRegularFile(fromRepo)) {
            put(new Entry(dest, false, "root", "root", 0644));
            origins.put(normal(dest), fromRepo);
        }
    }

    /** A path on the host under the fetched deploy folder, as the repository file it came from. */
    private Path deployFile(String hostPath) {
        String base = vars.get("SCO_DEPLOY_DIR");
        String p = normal(hostPath);
        if (base == null || !p.startsWith(base)) {
            throw new AssertionError(
                    "the " + role + " user data copies " + hostPath + ", which is not from the deploy folder");
        }
        return repo.resolve("deploy").resolve(p.substring(base.length()).replaceFirst("^/", ""));
    }

    private void copyTree(Path from, String dest) {
        String root = normal(dest);
        put(new Entry(root, true, "root", "root", 0755));
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            all.filter(p -> !p.equals(from)).forEach(p -> {
                String at = root + "/" + from.relativize(p).toString().replace('\\', '/');
                put(new Entry(at, Files.isDirectory(p), "root", "root", Files.isDirectory(p) ? 0755 : 0644));
                if (Files.isRegularFile(p)) {
                    origins.put(at, p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(Entry e) {
        String p = normal(e.path());
        Entry old = entries.get(p);
        // mkdir -p and install -d of an existing directory keep its owner
        if (old != null && old.dir() && e.dir() && e.owner().equals("root") && e.mode() == 0755) {
            return;
        }
        entries.put(p, new Entry(p, e.dir(), e.owner(), e.group(), e.mode()));
    }

    private String expand(String text, List<String> args) {
        String out = text;
        for (int i = args.size(); i >= 1; i--) {
            out = out.replace("\"$" + i + "\"", args.get(i - 1)).replace("$" + i, args.get(i - 1));
        }
        for (int round = 0; round < 4 && out.contains("$"); round++) {
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out.replace("${" + v.getKey() + "}", v.getValue())
                        .replace("$" + v.getKey() + "\"", v.getValue() + "\"")
                        .replaceAll("\\$" + v.getKey() + "(?![A-Za-z_])", Matcher.quoteReplacement(v.getValue()));
            }
            out = out.replace("${SCO_PAIR_TOKEN:-}", vars.getOrDefault("SCO_PAIR_TOKEN", ""));
        }
        return out;
    }

    /** Shell words: quotes removed, a quoted "$x" that holds several words splits like the script means it. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        Matcher m =
                Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(line.replaceFirst("\\s+[|&;]{1,2}\\s.*$", ""));
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (w.startsWith(">") || w.startsWith("2>")) {
                break;
            }
            if (m.group(1) != null && w.startsWith("--") && w.contains(" ")) {
                out.addAll(List.of(w.split(" ")));
            } else if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static Optional<String> option(List<String> w, String flag) {
        int i = w.indexOf(flag);
        return i < 0 || i + 1 >= w.size() ? Optional.empty() : Optional.of(w.get(i + 1));
    }

    static String normal(String path) {
        String p = path.replaceAll("/+", "/").replaceAll("/\\.$", "").replaceAll("/\\./", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
