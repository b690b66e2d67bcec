package io.smartcloudops.server;

import io.smartcloudops.api.ConfigException;
import io.smartcloudops.api.action.Principal;
import io.smartcloudops.api.action.Role;
import io.smartcloudops.api.storage.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens and the roles they carry, in {@code tokens.db} under the data directory. Only a
 * SHA-256 of each token is stored (tokens are 256 random bits, so no salt or slow hash is needed to
 * make the stored value useless to a thief); a token is shown once, when it is created.
 */
public final class TokenStore implements AutoCloseable {
    static final String PREFIX = "sco_";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._@-]{1,64}");

    private final Connection db;
    private final SecureRandom random = new SecureRandom();

    /** A token's holder, without the token. */
    public record Holder(String name, Role role, Instant createdAt) {}

    private TokenStore(Connection db) {
        this.db = db;
    }

    public static TokenStore open(Path file) {
        try {
            PrivateFiles.database(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_at TEXT NOT NULL)");
            }
            return new TokenStore(c);
        } catch (SQLException | IOException e) {
            throw new ConfigException("cannot open token store " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean isEmpty() {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM tokens")) {
            return rs.next() && rs.getInt(1) == 0;
        } catch (SQLException e) {
            throw new ConfigException("cannot read tokens: " + e.getMessage(), e);
        }
    }

    /** Creates a token and returns it; this is the only time it can be seen. */
    public synchronized String create(String name, Role role, Instant now) {
        requireValidName(name);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (PreparedStatement ps =
                db.prepareStatement("INSERT INTO tokens(hash, name, role, created_at) VALUES (?,?,?,?)")) {
            ps.setString(1, hash(token));
            ps.setString(2, name);
            ps.setString(3, role.name());
            ps.setString(4, now.toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ConfigException(
                    "cannot create token '" + name + "'"
                            + (e.getMessage().contains("UNIQUE") ? ": the name is taken" : ": " + e.getMessage()),
                    e);
        }
        return token;
    }

    /** Refuses a holder name that {@link #create} would refuse, so a caller can check before it audits. */
    public static void requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("token name must be 1-64 letters, digits or . _ @ -; got '" + name + "'");
        }
    }

    /** Whether {@code name} holds a token. */
    public synchronized boolean holds(String name) {
        return list().stream().anyMatch(h -> h.name().equals(name));
    }

    public synchronized boolean revoke(String name) {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM tokens WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new ConfigException("cannot revoke token: " + e.getMessage(), e);
        }
    }

    public synchronized List<Holder> list() {
        List<Holder> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, role, created_at FROM tokens ORDER BY name")) {
            while (rs.next()) {
                out.add(new Holder(rs.getString(1), Role.valueOf(rs.getString(2)), Instant.parse(rs.getString(3))));
            }
        } catch (SQLException e) {
            throw new ConfigException("cannot read tokens: " + e.getMessage(), e);
        }
        return out;
    }

    /** The principal a presented token stands for, if it is one of ours. */
    public synchronized Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT name, role FROM tokens WHERE hash = ?")) {
            ps.setString(1, hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Principal(rs.getString(1), Role.valueOf(rs.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ConfigException("cannot read tokens: " + e.getMessage(), e);
        }
    }

    public static Role parseRole(String text) {
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("role must be viewer, operator or admin; got '" + text + "'");
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // nothing is pending: every write committed when it returned
        }
    }
}
