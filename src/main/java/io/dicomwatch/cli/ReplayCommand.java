package io.dicomwatch.cli;

import io.dicomwatch.capture.FragmentReassemblyConfig;
import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.UpperLayerLimits;
import io.dicomwatch.findings.EventLog;
import io.dicomwatch.findings.FindingsConfig;
import io.dicomwatch.findings.FindingsEngine;
import io.dicomwatch.inventory.AtomicFiles;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.InventoryFormatException;
import io.dicomwatch.inventory.InventoryJsonReader;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.inventory.InventoryLimits;
import io.dicomwatch.inventory.StateDirectory;
import io.dicomwatch.pipeline.Pipeline;
import io.dicomwatch.pipeline.PipelineConfig;
import io.dicomwatch.pipeline.ReplayJob;
import io.dicomwatch.pipeline.ReplayProgress;
import io.dicomwatch.pipeline.ReplayResult;
import io.dicomwatch.tcp.ReassemblyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dicomwatch replay}: reads capture files and writes the DICOM asset inventory. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = {
            "Read pcap or pcapng files as one continuous capture and write the DICOM asset inventory as JSON.",
            "Files are recognised by their content, not their name. Several files are read in the order given, "
                    + "as rotated parts of one capture."})
public final class ReplayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);

    @CommandLine.Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Capture files (pcap or pcapng), or - for standard input, such as tcpdump -w -.")
    private List<Path> files;

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "YAML configuration file; its keys are the long options of settings below without "
                    + "dashes (not --config, --quiet, --help or --version).")
    private Path configFile;

    @Option(names = {"-q", "--quiet"}, description = "Print neither progress nor the summary.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        Settings settings = Settings.resolve(SettingOptions.matched(spec, Setting.Command.REPLAY), configFile);
        files = files.stream().map(file -> file.toString().equals("-") ? Path.of("/dev/stdin") : file).toList();
        Path output = Path.of(settings.text(Setting.OUTPUT));
        InputChecks.check(files, output);
        checkOutputDirectory(output);
        boolean merge = settings.flag(Setting.MERGE);
        PipelineConfig config = pipelineConfig(settings);
        FindingsConfig findingsConfig = FindingSettings.config(settings);
        Path eventsFile = eventsFile(settings);
        Inventory inventory = loadOrCreate(output, merge, config.inventory());
        if (!settings.flag(Setting.KEEP_USERNAMES)) {
            inventory.removeUsernames();
        }
        inventory.setStaleAfter(settings.longValue(Setting.STALE_AFTER));
        StateDirectory state = IdentitySetup.configure(inventory, settings, output);

        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ReplayProgress progress = quiet ? ReplayProgress.NONE : new ProgressPrinter(err);
        LOG.info("Replay started: {} file(s)", files.size());
        ReplayResult result;
        Pipeline pipeline;
        try (EventLog events = eventsFile == null ? null : EventLog.append(eventsFile)) {
            FindingsEngine findings = new FindingsEngine(findingsConfig, inventory, events);
            pipeline = new Pipeline(inventory, config, findings);
            result = new ReplayJob(pipeline, progress, settings.longValue(Setting.PROGRESS_INTERVAL)).run(files);
            findings.finish(pipeline.lastTimestampNanos());
        }
        LOG.info("Replay finished: {} frames in {} ms", result.frames(), result.elapsedNanos() / 1_000_000);

        for (String error : result.fileErrors()) {
            err.println("dicomwatch: input partly unreadable: " + error);
        }
        if (result.frames() == 0 && !result.complete() && Files.exists(output)) {
            err.println("dicomwatch: no packet could be read, so " + output + " was left unchanged");
            return ExitCodes.PARTIAL_INPUT;
        }
        try {
            inventory.rollUpUtilisation();
            new InventoryJsonWriter(Version.current()).writeAtomically(inventory, output);
            state.saveSketches(inventory);
        } catch (IOException e) {
            err.println("dicomwatch: cannot write the inventory to " + output + ": " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        if (!quiet) {
            // The inventory owns standard output when it is written there, so the summary moves to
            // standard error and a reader of the JSON gets nothing else.
            PrintWriter summary = isStandardOutput(output) ? err : out;
            ReplaySummary.print(summary, pipeline, result, output, merge);
            FindingsReport.printCounts(summary, inventory.findings().sorted());
        }
        long skippedRecords = pipeline.packetDecoder().stats().skippedRecords;
        if (skippedRecords > 0) {
            err.println("dicomwatch: input partly unreadable: " + skippedRecords + " packet record(s) that the capture "
                    + "file describes wrongly were skipped (such as a pcapng packet naming no interface); the log names the "
                    + "first of each file");
        }
        return result.complete() && skippedRecords == 0 ? ExitCodes.SUCCESS : ExitCodes.PARTIAL_INPUT;
    }

    /** Returns the event file, checking that its directory exists, or null when none is set. */
    static Path eventsFile(Settings settings) {
        String text = settings.text(Setting.EVENTS);
        if (text.isEmpty()) {
            return null;
        }
        Path file = Path.of(text);
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UsageException("events directory not found: " + directory + "; create it or choose another "
                    + "--events file");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException("events file " + file + " is a directory; give a file name such as "
                    + file.resolve("findings.jsonl"));
        }
        return file;
    }

    /**
     * Rejects an output whose directory is missing or that names a directory. An output written in
     * place, such as /dev/stdout, needs only to be writable itself.
     */
    static void checkOutputDirectory(Path output) {
        if (AtomicFiles.writesInPlace(output)) {
            if (!Files.isWritable(output)) {
                throw new UsageException("output " + output + " is not writable; choose another --output");
            }
            return;
        }
        Path directory = output.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UsageException("output directory not found: " + directory + "; create it or choose another "
                    + "--output");
        }
        if (Files.isDirectory(output)) {
            throw new UsageException("output " + output + " is a directory; give a file name such as "
                    + output.resolve("inventory.json"));
        }
        // The output is written as a temporary file in its directory and renamed, so a directory
        // that takes no new file (read-only, or a pseudo file system) fails here, not after the replay.
        try {
            Files.delete(Files.createTempFile(directory, ".dicomwatch-check-", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException("cannot create files in the output directory " + directory + " ("
                    + reason(e) + "); choose another --output", e);
        }
    }

    /** Returns whether {@code output} is the file or pipe behind this process's standard output. */
    static boolean isStandardOutput(Path output) {
        try {
            return Files.isSameFile(output, Path.of("/dev/stdout"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns the reason of a failed file operation without the exception's class name. */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException failure) {
            // Some exceptions, such as NoSuchFileException, give only the file name.
            return failure.getReason() != null ? failure.getReason() : "the file system refused a new file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Inventory loadOrCreate(Path output, boolean merge, InventoryLimits limits) throws IOException {
        if (!merge || !Files.exists(output)) {
            return new Inventory(limits);
        }
        try {
            return new InventoryJsonReader(limits).read(output);
        } catch (InventoryFormatException e) {
            throw new UsageException("cannot merge into " + output + ": " + e.getMessage()
                    + "; move the file aside or run without --merge", e);
        }
    }

    static PipelineConfig pipelineConfig(Settings settings) {
        try {
            FragmentReassemblyConfig fragments = new FragmentReassemblyConfig(
                    settings.intValue(Setting.MAX_FRAGMENTED_DATAGRAMS),
                    settings.longValue(Setting.MAX_FRAGMENT_BYTES),
                    settings.longValue(Setting.IPV4_FRAGMENT_TIMEOUT),
                    settings.longValue(Setting.IPV6_FRAGMENT_TIMEOUT));
            ReassemblyConfig reassembly = new ReassemblyConfig(
                    settings.intValue(Setting.MAX_CONNECTIONS),
                    settings.longValue(Setting.MAX_BUFFERED_BYTES),
                    settings.intValue(Setting.REASSEMBLY_WINDOW),
                    settings.intValue(Setting.MAX_BUFFERED_SEGMENTS),
                    settings.longValue(Setting.IDLE_TIMEOUT),
                    settings.longValue(Setting.TOMBSTONE_TIME),
                    settings.longValue(Setting.HOLE_TIMEOUT));
            UpperLayerLimits limits = new UpperLayerLimits(
                    settings.intValue(Setting.MAX_ASSOCIATE_PDU_LENGTH),
                    settings.intValue(Setting.MAX_COMMAND_SET_LENGTH),
                    UpperLayerLimits.DEFAULTS.maxPresentationContexts(),
                    UpperLayerLimits.DEFAULTS.maxScanPduLength(),
                    settings.flag(Setting.KEEP_USERNAMES));
            DicomTrackingConfig dicom = new DicomTrackingConfig(limits, settings.longValue(Setting.MID_STREAM_SCAN_BYTES),
                    settings.intValue(Setting.MAX_PENDING_REQUESTS), settings.longValue(Setting.DATA_SET_PREFIX_BYTES),
                    settings.longValue(Setting.MAX_BUFFERED_PDU_BYTES));
            InventoryLimits inventory = new InventoryLimits(
                    settings.intValue(Setting.MAX_ASSETS),
                    settings.intValue(Setting.MAX_ASSOCIATIONS),
                    settings.intValue(Setting.MAX_APPLICATION_ENTITIES_PER_ASSET),
                    settings.intValue(Setting.MAX_VALUES_PER_LIST),
                    settings.intValue(Setting.ROUTER_MAC_THRESHOLD));
            return new PipelineConfig(fragments, reassembly, dicom, inventory);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid setting: " + e.getMessage(), e);
        }
    }
}
