package io.smartcloudops.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void foldersItCreatesAreOwnerOnlyAndExistingOnesAreLeftAlone() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.directory(tmp.resolve("a/b"));
        assertThat(mode(tmp.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(tmp)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void writtenFilesAreOwnerOnlyAndReplacedWhole() throws Exception {
        Path f = tmp.resolve("d/anchor.json");
        PrivateFiles.writeAtomically(f, "one".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.writeAtomically(f, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(mode(f)).isEqualTo("rw-------");
        assertThat(Files.list(f.getParent())).containsExactly(f);
    }

    @Test
    void anExistingGroupReadableFileIsMadeOwnerOnly() throws Exception {
        Path f = Files.createFile(
                tmp.resolve("old.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        PrivateFiles.database(f);
        assertThat(mode(f)).isEqualTo("rw-------");
    }

    @Test
    void aDatabaseAndTheWalAndShmSqliteMakesBesideItAreOwnerOnly() throws Exception {
        Path db = PrivateFiles.database(tmp.resolve("state/x.db"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                var s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t (x)");
            s.execute("INSERT INTO t VALUES (1)");
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path p = Path.of(db.toAbsolutePath() + suffix);
                assertThat(Files.exists(p)).as(p.toString()).isTrue();
                assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------");
            }
        }
    }
}
