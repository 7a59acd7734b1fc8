package io.dicomwatch.inventory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces files atomically. It writes a temporary file in the same directory, fsyncs it, renames
 * it over the target and fsyncs the directory. A crash or power loss at any moment therefore
 * leaves either the old complete file or the new complete file.
 *
 * <p>A target that exists but is no regular file, such as /dev/null or a named pipe, is written in
 * place instead: renaming over it would replace the device or pipe itself. So is a file directly
 * in /dev or in a file descriptor directory, such as /dev/stdout redirected to a regular file:
 * renaming over the file behind it would leave the process's own descriptor on the replaced file.
 * A symbolic link is followed, so the link keeps pointing at the file it names.
 */
public final class AtomicFiles {
    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, ContentWriter writer) throws IOException {
        write(target, writer, false);
    }

    /**
     * Writes like {@link #write(Path, ContentWriter)}, but the file is rw------- from its first
     * byte, for secrets such as a hash key: it is never readable by others, not even briefly.
     */
    public static void writePrivate(Path target, ContentWriter writer) throws IOException {
        write(target, writer, true);
    }

    /**
     * Returns whether {@code target} is written in place rather than replaced. That is so when it
     * exists and is no regular file, or when it is a file directly in /dev or in a file descriptor
     * directory such as /dev/fd or /proc/self/fd.
     */
    public static boolean writesInPlace(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        // Checked through the link: /dev/stdout names a pipe whose "real path" does not exist.
        if (!Files.exists(absolute)) {
            return false;
        }
        return !Files.isRegularFile(absolute) || isDeviceDirectory(absolute.getParent());
    }

    private static boolean isDeviceDirectory(Path directory) {
        if (directory == null) {
            return false;
        }
        String name = directory.toString();
        return name.equals("/dev") || name.equals("/dev/fd") || name.matches("/proc/(self|[0-9]+)/fd");
    }

    private static void write(Path target, ContentWriter writer, boolean ownerOnly) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (writesInPlace(absolute)) {
            writeInPlace(absolute, writer);
            return;
        }
        if (Files.exists(absolute)) {
            absolute = absolute.toRealPath();
        }
        Path directory = absolute.getParent();
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        // A process stopped by a signal skips the finally below; the JVM's exit hook still runs.
        temporary.toFile().deleteOnExit();
        try {
            if (!ownerOnly) {
                keepPermissions(absolute, temporary);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically: the file system does not support "
                        + "atomic rename; choose an output path on a local file system", e);
            }
            forceDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Gives the new file the permissions of the file it replaces, or rw-r--r-- for a new file, so
     * that an importer running as another user can read it. Temporary files start as rw-------.
     */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (!temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(temporary, permissions);
    }

    private static void writeInPlace(Path target, ContentWriter writer) throws IOException {
        // A regular file behind /dev/stdout is truncated, so a longer old content leaves no tail.
        StandardOpenOption truncate = Files.isRegularFile(target)
                ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.WRITE;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE, truncate)) {
            writer.writeTo(out);
            out.flush();
        }
    }

    /** Flushes the directory entry of a rename to disk; a no-op where the platform cannot open directories. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for reading; the rename itself is still atomic.
        }
    }
}
