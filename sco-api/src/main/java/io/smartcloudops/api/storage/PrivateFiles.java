package io.smartcloudops.api.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The agent's data files (audit, token and state databases, checkpoints, anchors, key files) are
 * readable by their owner only: files 0600, directories the agent creates 0700. Files are created
 * with that mode, never chmod-ed after bytes are in them, so no other user can open one in between.
 * On a file system without POSIX permissions its own rules apply.
 *
 * <pre>{@code
 * PrivateFiles.directory(dataDir); // 0700 for each folder it creates
 * Path db = PrivateFiles.database(dataDir.resolve("tokens.db"));
 * Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); // -wal and -shm inherit 0600
 * PrivateFiles.writeAtomically(anchorFile, bytes);
 * }</pre>
 */
public final class PrivateFiles {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates {@code dir} and its missing parents, each it creates 0700; existing folders are left as they are. */
    public static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            try {
                if (POSIX) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIRECTORY));
                    Files.setPosixFilePermissions(p, DIRECTORY); // the umask may have taken bits off; never adds any
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: it is theirs to set
            }
        }
        if (!Files.isDirectory(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "exists and is not a directory");
        }
        return dir;
    }

    /**
     * Makes ready an SQLite database file: its folder exists, the file exists empty and 0600 before
     * SQLite opens it (SQLite gives the {@code -wal}, {@code -shm} and journal files the mode of
     * the database file), and a database left by an older version, with its side files, is made 0600.
     */
    public static Path database(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            directory(parent);
        }
        createFile(file);
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            restrict(Path.of(file.toAbsolutePath() + suffix));
        }
        return file;
    }

    /** Creates an empty 0600 file if none is there; an existing file is made 0600. */
    public static Path createFile(Path file) throws IOException {
        try {
            Files.createFile(file, ownerOnly());
        } catch (FileAlreadyExistsException exists) {
            restrict(file);
        }
        return file;
    }

    /** Makes an existing file 0600; a missing one is no error. */
    public static void restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * Replaces {@code file}'s content so that a reader sees the old or the new bytes, never a torn
     * file: a 0600 temporary file beside it, fsync, atomic rename, then an fsync of the folder so
     * that the rename itself survives a power cut.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        directory(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, ownerOnly());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems cannot open a folder; the rename is atomic there all the same
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }
}
