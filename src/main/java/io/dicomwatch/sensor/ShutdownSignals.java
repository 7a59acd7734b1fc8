package io.dicomwatch.sensor;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly stop. The JVM's own handling runs shutdown hooks and
 * then exits with status 143 or 130, whatever the hooks do. Handling the signals instead lets the
 * main thread drain the queue, write the inventory and exit 0. A second signal while stopping
 * exits at once with status 1, and the last inventory written stays intact because every write is
 * atomic.
 *
 * <p>sun.misc.Signal is in the jdk.unsupported module, which every JDK 17 ships.
 */
public final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);
    static final String[] SIGNALS = {"TERM", "INT"};

    private ShutdownSignals() {
    }

    /**
     * Installs handlers that call {@code stop} with the signal's name (such as SIGTERM) on the
     * first signal and call {@code halt} on the second.
     */
    public static void install(Consumer<String> stop, Runnable halt) {
        Handler handler = new Handler(stop, halt);
        for (String name : SIGNALS) {
            Signal.handle(new Signal(name), handler::handle);
        }
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
