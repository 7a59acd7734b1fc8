package io.dicomwatch.cli;

import io.dicomwatch.dicom.DicomTrackingConfig;
import io.dicomwatch.dicom.UpperLayerLimits;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files (pcap or pcapng).")
    private List<Path> files;

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "YAML configuration file; its keys are the long options below without dashes.")
    private Path configFile;

    @Option(names = {"-q", "--quiet"}, description = "Print neither progress nor the summary.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        Settings settings = Settings.resolve(matchedSettingOptions(), configFile);
        checkInputs();
        Path output = Path.of(settings.text(Setting.OUTPUT));
        checkOutputDirectory(output);
        PipelineConfig config = pipelineConfig(settings);
        Inventory inventory = loadOrCreate(output, settings.flag(Setting.MERGE), config.inventory());
        StateDirectory state = IdentitySetup.configure(inventory, settings, output);

        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ReplayProgress progress = quiet ? ReplayProgress.NONE : new ProgressPrinter(err);
        LOG.info("Replay started: {} file(s)", files.size());
        Pipeline pipeline = new Pipeline(inventory, config);
        ReplayResult result = new ReplayJob(pipeline, progress, settings.longValue(Setting.PROGRESS_INTERVAL))
                .run(files);
        LOG.info("Replay finished: {} frames in {} ms", result.frames(), result.elapsedNanos() / 1_000_000);

        try {
            inventory.rollUpUtilisation();
            new InventoryJsonWriter(Version.current()).writeAtomically(inventory, output);
            state.saveSketches(inventory);
        } catch (IOException e) {
            err.println("dicomwatch: cannot write the inventory to " + output + ": " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
        if (!quiet) {
            ReplaySummary.print(out, pipeline, result, output);
        }
        for (String error : result.fileErrors()) {
            err.println("dicomwatch: input partly unreadable: " + error);
        }
        return result.complete() ? ExitCodes.SUCCESS : ExitCodes.PARTIAL_INPUT;
    }

    private Map<Setting, String> matchedSettingOptions() {
        CommandLine.ParseResult parseResult = spec.commandLine().getParseResult();
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (!parseResult.hasMatchedOption(setting.option())) {
                continue;
            }
            Object value = parseResult.matchedOptionValue(setting.option(), null);
            options.put(setting, setting.kind() == Setting.Kind.BOOLEAN ? "true" : String.valueOf(value));
        }
        return options;
    }

    private void checkInputs() {
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new UsageException("input file not found: " + file);
            }
            if (!Files.isRegularFile(file)) {
                throw new UsageException("input is not a regular file: " + file + "; give pcap or pcapng files");
            }
            if (!Files.isReadable(file)) {
                throw new UsageException("input file not readable: " + file + "; check its permissions");
            }
        }
    }

    private static void checkOutputDirectory(Path output) {
        Path directory = output.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UsageException("output directory not found: " + directory + "; create it or choose another "
                    + "--output");
        }
        if (Files.isDirectory(output)) {
            throw new UsageException("output " + output + " is a directory; give a file name such as "
                    + output.resolve("inventory.json"));
        }
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
                    settings.intValue(Setting.MAX_PENDING_REQUESTS), settings.longValue(Setting.DATA_SET_PREFIX_BYTES));
            InventoryLimits inventory = new InventoryLimits(
                    settings.intValue(Setting.MAX_ASSETS),
                    settings.intValue(Setting.MAX_ASSOCIATIONS),
                    settings.intValue(Setting.MAX_APPLICATION_ENTITIES_PER_ASSET),
                    settings.intValue(Setting.MAX_VALUES_PER_LIST),
                    settings.intValue(Setting.ROUTER_MAC_THRESHOLD));
            return new PipelineConfig(reassembly, dicom, inventory);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid setting: " + e.getMessage(), e);
        }
    }
}
