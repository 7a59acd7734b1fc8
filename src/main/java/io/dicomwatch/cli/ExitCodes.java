package io.dicomwatch.cli;

/** Process exit codes of every dicomwatch command. */
public final class ExitCodes {
    public static final int SUCCESS = 0;
    /** A bug or an unexpected failure, such as the output file not being writable. */
    public static final int INTERNAL_ERROR = 1;
    /** A bad option, configuration file or value, or a missing input file. */
    public static final int USAGE_ERROR = 2;
    /** Some input could not be read; the inventory of what was read was still written. */
    public static final int PARTIAL_INPUT = 3;

    private ExitCodes() {
    }
}
