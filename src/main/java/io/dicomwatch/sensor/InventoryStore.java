package io.dicomwatch.sensor;

import io.dicomwatch.inventory.AtomicFiles;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryFormatException;
import io.dicomwatch.inventory.InventoryJsonReader;
import io.dicomwatch.inventory.InventoryLimits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensor's inventory file: loaded at start so a restart loses nothing, replaced atomically at
 * each flush. A file that cannot be loaded is moved aside with a timestamp suffix, never
 * overwritten. Writes may come from the writer thread and, after it stopped, from the main thread.
 */
public final class InventoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryStore.class);
    private static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path output;
    private final InventoryLimits limits;
    private final Clock clock;
    private int failedWrites;
    private long writes;
    /** Sequence number of the snapshot last written, so that an older one never replaces it. */
    private long writtenSequence = Long.MIN_VALUE;
    /** The lock on {@link #lockFile()}, held until the process exits. */
    private FileLock lock;

    public InventoryStore(Path output, InventoryLimits limits, Clock clock) {
        this.output = output;
        this.limits = limits;
        this.clock = clock;
    }

    public Path output() {
        return output;
    }

    /**
     * Takes an exclusive lock on {@code .NAME.lock} beside the output, held until the process
     * exits. Two sensors with one output would otherwise overwrite each other's flushes, and each
     * would delete the other's temporary files at start. An output that exists and is no regular
     * file, such as /dev/stdout, is not locked.
     *
     * @return false when another process, or another store of this one, holds the lock
     * @throws IOException when the lock file cannot be created or locked
     */
    public boolean lock() throws IOException {
        if (Files.exists(output) && !Files.isRegularFile(output)) {
            return true;
        }
        FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return false;
        }
        return true;
    }

    /** Returns the lock file that {@link #lock} uses. */
    public Path lockFile() {
        return output.resolveSibling("." + output.getFileName() + ".lock");
    }

    /**
     * Loads the existing inventory, or returns an empty one when there is none. A file that is not
     * a readable inventory of a supported schemaVersion is renamed to
     * {@code NAME.unreadable-YYYYMMDDTHHMMSSZ} with a warning.
     *
     * @throws IOException when the file can neither be read nor moved aside
     */
    public Inventory load() throws IOException {
        deleteLeftoverTemporaryFiles();
        if (!Files.exists(output)) {
            LOG.info("No inventory at {} yet; starting an empty one", output);
            return new Inventory(limits);
        }
        try {
            Inventory inventory = new InventoryJsonReader(limits).read(output);
            LOG.info("Loaded the inventory from {}: {} asset(s), {} association row(s)", output,
                    inventory.assets().size(), inventory.associations().size());
            return inventory;
        } catch (InventoryFormatException e) {
            moveAside(e.getMessage());
        } catch (IOException e) {
            moveAside("cannot read it: " + e);
        }
        return new Inventory(limits);
    }

    /**
     * Deletes temporary files that {@link AtomicFiles} left when the process was killed mid-write
     * ({@code .NAME.*.tmp} beside the output), so that crashes over months do not fill the disk.
     */
    private void deleteLeftoverTemporaryFiles() {
        Path directory = output.toAbsolutePath().getParent();
        String pattern = "." + output.getFileName() + ".*.tmp";
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, pattern)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
                LOG.info("Deleted {}, left by an interrupted inventory write", leftover);
            }
        } catch (IOException e) {
            LOG.warn("Cannot clean temporary files {} in {}: {}", pattern, directory, e.toString());
        }
    }

    private void moveAside(String reason) throws IOException {
        Path aside = output.resolveSibling(output.getFileName() + ".unreadable-" + SUFFIX.format(clock.instant()));
        try {
            Files.move(output, aside);
        } catch (IOException e) {
            throw new IOException("the inventory " + output + " cannot be loaded (" + reason + ") and cannot be moved "
                    + "aside to " + aside + " (" + e + "); move or delete it yourself", e);
        }
        LOG.warn("Moved the inventory {} aside to {} and started an empty one, because it cannot be loaded: {}",
                output, aside, reason);
    }

    /**
     * Replaces the inventory file atomically with {@code content}. A failure is logged with its
     * cause and returns false; the caller keeps running and tries again at the next flush.
     */
    public synchronized boolean write(byte[] content) {
        return write(content, writtenSequence == Long.MIN_VALUE ? 0 : writtenSequence + 1);
    }

    /**
     * Writes like {@link #write(byte[])} the snapshot numbered {@code sequence}, unless a snapshot
     * with a higher number is already written. The writer thread and, at shutdown, the decoding
     * thread both write, and the writer may still hold an older snapshot after the final one was
     * written. Skipping it returns true, because a newer inventory is on disk.
     */
    public synchronized boolean write(byte[] content, long sequence) {
        if (sequence <= writtenSequence) {
            LOG.warn("Skipped inventory snapshot {} for {}: the newer snapshot {} is already written", sequence,
                    output, writtenSequence);
            return true;
        }
        try {
            AtomicFiles.write(output, out -> out.write(content));
        } catch (IOException | RuntimeException e) {
            failedWrites++;
            // The trace comes with the first failure only: an unwritable directory fails every flush alike.
            if (failedWrites == 1) {
                LOG.error("Cannot write the inventory to {}: {}", output, e.toString(), e);
            } else {
                LOG.error("Cannot write the inventory to {} (failure {} in a row): {}", output, failedWrites,
                        e.toString());
            }
            return false;
        }
        if (failedWrites > 0) {
            LOG.info("Inventory written to {} again after {} failed attempt(s)", output, failedWrites);
            failedWrites = 0;
        }
        writes++;
        writtenSequence = sequence;
        LOG.debug("Inventory written to {} ({} bytes)", output, content.length);
        return true;
    }

    /** Returns the successful writes so far. */
    public synchronized long writes() {
        return writes;
    }
}
