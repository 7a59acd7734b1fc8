package io.dicomwatch.cli;

import io.dicomwatch.capture.CaptureOpenException;
import io.dicomwatch.capture.PcapLiveSource;
import io.dicomwatch.findings.EventLog;
import io.dicomwatch.findings.FindingsConfig;
import io.dicomwatch.findings.FindingsEngine;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.StateDirectory;
import io.dicomwatch.inventory.InventoryJsonWriter;
import io.dicomwatch.pipeline.Pipeline;
import io.dicomwatch.pipeline.PipelineConfig;
import io.dicomwatch.sensor.FrameQueue;
import io.dicomwatch.sensor.InventoryStore;
import io.dicomwatch.sensor.Sensor;
import io.dicomwatch.sensor.SensorConfig;
import io.dicomwatch.sensor.ShutdownSignals;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code dicomwatch capture}: the live sensor on one or more interfaces, until SIGTERM or SIGINT. */
@Command(name = "capture",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = {
            "Capture live traffic on one or more interfaces (a SPAN or TAP port) and keep the DICOM asset inventory "
                    + "up to date. Never sends a packet.",
            "The output file is loaded at start and merged, written atomically every --flush-interval and at "
                    + "shutdown. SIGTERM or SIGINT stops the capture, writes the inventory and exits 0.",
            "Needs root or the CAP_NET_RAW capability."})
public final class CaptureCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureCommand.class);

    @CommandLine.Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "YAML configuration file; its keys are the long options of settings below without "
                    + "dashes (not --config, --help or --version).")
    private Path configFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Settings settings = Settings.resolve(SettingOptions.matched(spec, Setting.Command.CAPTURE), configFile);
        SensorConfig sensorConfig = sensorConfig(settings);
        Path output = Path.of(settings.text(Setting.OUTPUT));
        ReplayCommand.checkOutputDirectory(output);
        PipelineConfig config = ReplayCommand.pipelineConfig(settings);
        LogLevels.showInfoUnlessConfigured();

        FindingsConfig findingsConfig = FindingSettings.config(settings);
        Path eventsFile = ReplayCommand.eventsFile(settings);

        InventoryStore store = new InventoryStore(output, config.inventory(), Clock.systemUTC());
        if (!store.lock()) {
            throw new UsageException("output " + output + " is in use by another dicomwatch capture (lock "
                    + store.lockFile() + " is held); stop that sensor or choose another --output");
        }
        Inventory inventory = store.load();
        inventory.setStaleAfter(settings.longValue(Setting.STALE_AFTER));
        if (!settings.flag(Setting.KEEP_USERNAMES)) {
            inventory.removeUsernames();
        }
        // The sensor always continues its own inventory, so the saved study sketches belong to it.
        StateDirectory state = IdentitySetup.configure(inventory, settings, output, true);
        try (EventLog events = eventsFile == null ? null : EventLog.append(eventsFile)) {
            FindingsEngine findings = new FindingsEngine(findingsConfig, inventory, events);
            Pipeline pipeline = new Pipeline(inventory, config, findings);
            Runnable reopenEvents = events == null ? () -> { } : events::reopen;
            return runSensor(sensorConfig, settings, output, store, pipeline, findings, state, reopenEvents);
        }
    }

    private Integer runSensor(SensorConfig sensorConfig, Settings settings, Path output, InventoryStore store,
            Pipeline pipeline, FindingsEngine findings, StateDirectory state, Runnable reopenEvents)
            throws InterruptedException {
        Inventory inventory = pipeline.inventory();
        Sensor sensor = new Sensor(sensorConfig, pipeline, store, new InventoryJsonWriter(Version.current()),
                PcapLiveSource::open, System::nanoTime);
        sensor.setBeforeFlush(() -> saveSketches(state, inventory));
        sensor.setBeforeFinalFlush(() -> findings.finish(pipeline.lastTimestampNanos()));
        // Installed before the interfaces open, which logs "Capture opened": a SIGTERM from then on
        // stops the sensor in order, with exit 0, instead of the JVM's exit 143.
        ShutdownSignals.install(sensor::requestStop, () -> Runtime.getRuntime().halt(ExitCodes.INTERNAL_ERROR),
                reopenEvents);
        try {
            sensor.openInterfaces();
        } catch (CaptureOpenException e) {
            throw new UsageException(openFailureAdvice(e), e);
        }
        LOG.info("Sensor started: dicomwatch {}, {}, interfaces {}, filter '{}', output {}, flush every {} s",
                Version.current(), PcapLiveSource.libraryVersion(), sensorConfig.interfaces(), sensorConfig.filter(),
                output.toAbsolutePath(), sensorConfig.flushIntervalNanos() / 1_000_000_000.0);
        return sensor.run() ? ExitCodes.SUCCESS : ExitCodes.INTERNAL_ERROR;
    }

    /** Saves the study sketches beside the inventory; a failure is logged and retried at the next flush. */
    private static void saveSketches(StateDirectory state, Inventory inventory) {
        try {
            state.saveSketches(inventory);
        } catch (IOException e) {
            LOG.error("Cannot save study sketches in {}: {}; retrying at the next flush", state.directory(),
                    e.toString());
        }
    }

    private static String openFailureAdvice(CaptureOpenException e) {
        if (e.reason() == CaptureOpenException.Reason.PERMISSION) {
            return e.getMessage() + "; run as root or grant the capability CAP_NET_RAW (in the systemd unit: "
                    + "AmbientCapabilities=CAP_NET_RAW)";
        }
        return e.getMessage() + "; fix the --filter expression (tcpdump syntax)";
    }

    /**
     * Rejects a queue whose slots alone would take more than three quarters of the maximum heap.
     * Without this check the JVM runs out of heap while the queue is built, and the sensor exits
     * with the JVM's status 3 instead of naming the option.
     */
    static void checkQueueFitsHeap(int queueCapacity, long maxHeapBytes) {
        long slotBytes = FrameQueue.preallocatedBytes(queueCapacity);
        if (slotBytes > maxHeapBytes / 4 * 3) {
            throw new UsageException("option --queue-capacity: " + queueCapacity + " frames take " + (slotBytes >> 20)
                    + " MiB of heap from the start (2 KiB each), more than three quarters of the maximum heap of "
                    + (maxHeapBytes >> 20) + " MiB; lower --queue-capacity or raise -Xmx in JAVA_OPTS");
        }
    }

    static SensorConfig sensorConfig(Settings settings) {
        List<String> interfaces = settings.list(Setting.INTERFACE);
        if (interfaces.isEmpty()) {
            throw new UsageException("no interface given: use --interface NAME (repeat for several) or the "
                    + "configuration key 'interface'");
        }
        if (interfaces.stream().distinct().count() != interfaces.size()) {
            throw new UsageException("interface given twice in " + interfaces + "; name each interface once");
        }
        String filter = settings.text(Setting.FILTER);
        int snapLength = settings.intValue(Setting.SNAP_LENGTH);
        try {
            PcapLiveSource.checkFilter(filter, snapLength);
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --filter: " + e.getMessage() + "; use tcpdump filter syntax", e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new UsageException("libpcap not found (" + e.getMessage() + "); install it, such as the Debian "
                    + "package libpcap0.8", e);
        }
        int queueCapacity = settings.intValue(Setting.QUEUE_CAPACITY);
        checkQueueFitsHeap(queueCapacity, Runtime.getRuntime().maxMemory());
        return new SensorConfig(interfaces, snapLength, settings.intValue(Setting.BUFFER_SIZE), filter,
                queueCapacity, settings.longValue(Setting.DUPLICATE_WINDOW),
                settings.longValue(Setting.FLUSH_INTERVAL), settings.longValue(Setting.STATS_INTERVAL),
                settings.longValue(Setting.SILENT_INTERFACE_WARNING));
    }
}
