package io.dicomwatch.cli;

import io.dicomwatch.inventory.AtomicFiles;
import io.dicomwatch.inventory.Fingerprints;
import io.dicomwatch.inventory.IdentitySettings;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Applies the device identification settings to an inventory and opens its state directory. */
final class IdentitySetup {
    private IdentitySetup() {
    }

    /**
     * Sets fingerprints, the study hasher and utilisation retention on {@code inventory}, and when
     * the run merges, attaches the saved study sketches to its loaded rows.
     *
     * @throws UsageException when the fingerprint file or state directory is unusable
     */
    static StateDirectory configure(Inventory inventory, Settings settings, Path output) {
        return configure(inventory, settings, output, settings.flag(Setting.MERGE));
    }

    /** Configures identification; {@code merged} is true when the inventory was loaded from a file. */
    static StateDirectory configure(Inventory inventory, Settings settings, Path output, boolean merged) {
        Fingerprints fingerprints = loadFingerprints(settings.text(Setting.FINGERPRINTS));
        String stateText = settings.text(Setting.STATE_DIRECTORY);
        Path stateDirectory = stateText.isEmpty() ? defaultStateDirectory(output) : Path.of(stateText);
        StateDirectory state;
        try {
            state = StateDirectory.open(stateDirectory);
        } catch (IOException e) {
            String problem = Files.exists(stateDirectory) && !Files.isDirectory(stateDirectory)
                    ? "it is not a directory" : e.getMessage();
            throw new UsageException("cannot use state directory " + stateDirectory + ": " + problem
                    + "; check its permissions or set --state-directory", e);
        }
        try {
            inventory.setIdentitySettings(new IdentitySettings(fingerprints, state.studyHasher(),
                    settings.longValue(Setting.HOURLY_RETENTION), IdentitySettings.DEFAULT_MAX_DAYS));
        } catch (IllegalArgumentException e) {
            throw new UsageException("option " + Setting.HOURLY_RETENTION.option() + ": " + e.getMessage(), e);
        }
        if (merged) {
            try {
                state.loadSketches(inventory);
            } catch (IOException e) {
                throw new UsageException("cannot read study sketches in " + stateDirectory + ": " + e.getMessage(), e);
            }
        }
        return state;
    }

    /**
     * Returns the output's directory, or the current directory when the output is written in place,
     * such as /dev/stdout even when standard output is redirected to a file. The secret study key
     * does not belong in /dev.
     */
    static Path defaultStateDirectory(Path output) {
        Path absolute = output.toAbsolutePath();
        if (AtomicFiles.writesInPlace(absolute)) {
            return Path.of("").toAbsolutePath();
        }
        return absolute.getParent();
    }

    private static Fingerprints loadFingerprints(String file) {
        if (file.isEmpty()) {
            return Fingerprints.bundled();
        }
        Path path = Path.of(file);
        try {
            if (!Files.isRegularFile(path)) {
                throw new NoSuchFileException(file);
            }
            return Fingerprints.withUserFile(path);
        } catch (NoSuchFileException e) {
            throw new UsageException("fingerprint file not found: " + file + "; fix --fingerprints", e);
        } catch (IOException e) {
            throw new UsageException("cannot read fingerprint file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid fingerprint file " + e.getMessage(), e);
        }
    }
}
