package io.dicomwatch.sensor;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop, and SIGHUP into a reopen of the files that log
 * rotation moves. The JVM's own handling runs shutdown hooks and
 * then exits with status 143 or 130, whatever the hooks do. Handling the signals instead lets the
 * main thread drain the queue, write the inventory and exit 0. A second signal while stopping
 * exits at once with status 1, and the last inventory written stays intact because every write is
 * atomic.
 *
 * <p>The JVM's default for SIGHUP is the same exit as for SIGTERM, with status 129. So a closed
 * terminal, or the {@code kill -HUP} of a logrotate {@code postrotate} step, would end the sensor
 * without its final write. SIGHUP therefore only calls {@code hangUp} and the sensor runs on.
 *
 * <p>sun.misc.Signal is in the jdk.unsupported module, which every JDK 17 ships.
 */
public final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);
    static final String[] SIGNALS = {"TERM", "INT"};
    static final String HANG_UP = "HUP";

    private ShutdownSignals() {
    }

    /**
     * Installs handlers that call {@code stop} with the signal's name (such as SIGTERM) on the
     * first signal and call {@code halt} on the second, and call {@code hangUp} on each SIGHUP.
     */
    public static void install(Consumer<String> stop, Runnable halt, Runnable hangUp) {
        Handler handler = new Handler(stop, halt);
        for (String name : SIGNALS) {
            Signal.handle(new Signal(name), handler::handle);
        }
        Signal.handle(new Signal(HANG_UP), signal -> {
            LOG.info("SIGHUP: the event file is opened again before its next line; SIGTERM or SIGINT stops "
                    + "the sensor");
            hangUp.run();
        });
    }

    /** The signal logic, apart from the JVM's registration so that tests can drive it. */
    static final class Handler {
        private final Consumer<String> stop;
        private final Runnable halt;
        private boolean stopping;

        Handler(Consumer<String> stop, Runnable halt) {
            this.stop = stop;
            this.halt = halt;
        }

        synchronized void handle(Signal signal) {
            handle("SIG" + signal.getName());
        }

        synchronized void handle(String name) {
            if (stopping) {
                LOG.warn("Second {} while stopping: exiting now without the final inventory write", name);
                halt.run();
                return;
            }
            stopping = true;
            stop.accept(name);
        }
    }
}
