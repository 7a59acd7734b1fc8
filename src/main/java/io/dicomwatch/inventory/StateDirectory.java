package io.dicomwatch.inventory;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensor's private state: the study hash key and the study sketches of the utilisation rows.
 * Neither is ever exported. Both files are written atomically with mode 0600, and the key file's
 * mode is reset to 0600 when it was looser.
 *
 * <p>Sketches are saved after every export and loaded only when an inventory is merged into, so
 * a restart that merges into its own output adds new studies to the same sketches instead of
 * counting them again.
 */
public final class StateDirectory {
    static final String KEY_FILE = "dicomwatch-study-key";
    static final String SKETCH_FILE = "dicomwatch-study-sketches";
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);
    private static final int MAGIC = 0x44575331;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final byte[] key;

    private StateDirectory(Path directory, byte[] key) {
        this.directory = directory;
        this.key = key;
    }

    /**
     * Opens the state directory, creating it and a random key when absent.
     *
     * @throws IOException when the directory or key cannot be created or read, or the key is corrupt
     */
    public static StateDirectory open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path keyFile = directory.resolve(KEY_FILE);
        byte[] key;
        if (Files.exists(keyFile)) {
            key = Files.readAllBytes(keyFile);
            if (key.length != StudyHasher.KEY_LENGTH) {
                throw new IOException("study hash key " + keyFile + " has " + key.length + " bytes, expected "
                        + StudyHasher.KEY_LENGTH + "; delete it to start new study counts");
            }
            restrictPermissions(keyFile);
        } else {
            key = new byte[StudyHasher.KEY_LENGTH];
            new SecureRandom().nextBytes(key);
            byte[] content = key;
            AtomicFiles.writePrivate(keyFile, out -> out.write(content));
            restrictPermissions(keyFile);
            LOG.info("Created study hash key {}", keyFile);
        }
        return new StateDirectory(directory, key);
    }

    private static void restrictPermissions(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
        if (!current.equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            if (current.size() > OWNER_ONLY.size() || !OWNER_ONLY.containsAll(current)) {
                LOG.warn("Set mode 0600 on {}, which was {}", file, PosixFilePermissions.toString(current));
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** Returns a hasher keyed with this directory's key. */
    public StudyHasher studyHasher() {
        return new StudyHasher(key.clone());
    }

    /** Writes the study sketches of every utilisation row of {@code inventory}. */
    public void saveSketches(Inventory inventory) throws IOException {
        Path file = directory.resolve(SKETCH_FILE);
        AtomicFiles.writePrivate(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            for (Asset asset : inventory.assets()) {
                for (ApplicationEntity entity : asset.entities.values()) {
                    writeRows(out, asset, entity, 'H', entity.identity.hours);
                    writeRows(out, asset, entity, 'D', entity.identity.days);
                }
            }
            out.writeByte(0);
            out.flush();
        });
        restrictPermissions(file);
    }

    private static void writeRows(DataOutputStream out, Asset asset, ApplicationEntity entity, char period,
            TreeMap<Long, UsageRow> rows) throws IOException {
        for (Map.Entry<Long, UsageRow> row : rows.entrySet()) {
            if (row.getValue().sketch == null) {
                continue;
            }
            EntityKey key = entity.key();
            out.writeByte(period);
            out.writeUTF(asset.ip().toString());
            out.writeBoolean(key.aeTitle() != null);
            if (key.aeTitle() != null) {
                out.writeUTF(key.aeTitle().value());
                out.writeBoolean(key.aeTitle().nonText());
            }
            out.writeUTF(key.role().name());
            out.writeInt(key.port() == null ? -1 : key.port());
            out.writeLong(row.getKey());
            row.getValue().sketch.write(out);
        }
    }

    /**
     * Attaches saved sketches to the matching rows of {@code inventory}, the one loaded for a merge.
     * Sketches of rows the inventory no longer has are dropped. A missing file loads nothing; a
     * corrupt one is reported and ignored, so study counts fall back to the exported ones.
     */
    public void loadSketches(Inventory inventory) throws IOException {
        Path file = directory.resolve(SKETCH_FILE);
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream raw = Files.newInputStream(file)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
            if (in.readInt() != MAGIC) {
                throw new IOException("not a dicomwatch sketch file");
            }
            while (true) {
                int period = in.readByte();
                if (period == 0) {
                    break;
                }
                readRow(in, period, inventory);
            }
        } catch (EOFException e) {
            LOG.warn("Ignored study sketches in {}: the file ends early; the next flush writes it anew", file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Ignored study sketches in {}: {}; the next flush writes it anew", file, e.toString());
        }
    }

    private static void readRow(DataInputStream in, int period, Inventory inventory) throws IOException {
        IpAddress ip = IpAddress.parse(in.readUTF());
        AeTitle title = in.readBoolean() ? new AeTitle(in.readUTF(), in.readBoolean()) : null;
        Role role = Role.valueOf(in.readUTF());
        int port = in.readInt();
        long start = in.readLong();
        StudySketch sketch = StudySketch.read(in);
        Asset asset = inventory.findAsset(ip);
        ApplicationEntity entity = asset == null ? null
                : asset.entities.get(new EntityKey(title, role, port < 0 ? null : port));
        if (entity == null) {
            return;
        }
        UsageRow row = (period == 'H' ? entity.identity.hours : entity.identity.days).get(start);
        if (row != null) {
            row.sketch = sketch;
        }
    }
}
