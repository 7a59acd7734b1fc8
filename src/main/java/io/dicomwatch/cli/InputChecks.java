package io.dicomwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Checks the replay's input files and output path before anything is read or written. */
final class InputChecks {
    private InputChecks() {
    }

    /**
     * Rejects missing, unreadable or directory inputs, an input given twice (its counts would
     * double) and an output that is one of the inputs (the capture would be overwritten).
     *
     * @throws UsageException naming the file and what to do
     */
    static void check(Iterable<Path> inputs, Path output) {
        Path realOutput = realPath(output);
        Map<Path, Path> seen = new HashMap<>();
        for (Path file : inputs) {
            if (!Files.exists(file)) {
                throw new UsageException("input file not found: " + file);
            }
            if (Files.isDirectory(file)) {
                throw new UsageException("input is a directory: " + file + "; give the pcap or pcapng files in it");
            }
            if (!Files.isReadable(file)) {
                throw new UsageException("input file not readable: " + file + "; check its permissions");
            }
            Path real = realPath(file);
            Path earlier = seen.putIfAbsent(real, file);
            if (earlier != null && Files.isRegularFile(real)) {
                throw new UsageException("input given twice: " + earlier + " and " + file
                        + "; every count would double, so give each file once");
            }
            if (real.equals(realOutput) && Files.isRegularFile(real)) {
                throw new UsageException("output " + output + " is also an input; choose another --output");
            }
        }
    }

    /** Returns the path with links resolved, or the absolute path when it does not exist yet. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
