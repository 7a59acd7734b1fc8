package io.dicomwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point of the dicomwatch command. */
@Command(name = "dicomwatch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Passive DICOM/PACS asset discovery from captured network traffic.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error",
            "2:usage or configuration error, missing input file, no permission to capture",
            "3:input partly unreadable; the inventory of what was read was written"})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = run(args);
        } catch (OutOfMemoryError e) {
            System.err.println("dicomwatch: out of memory (" + e.getMessage() + "); give the JVM more heap, "
                    + "such as JAVA_OPTS=-Xmx1g, or lower the caps that bound memory: --max-connections, "
                    + "--max-buffered-bytes, --max-buffered-pdu-bytes and --max-assets");
            exitCode = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(exitCode);
    }

    /** Runs the command line and returns the exit code instead of exiting, for tests. */
    public static int run(String... args) {
        CommandLine commandLine = commandLine(args.length > 0 ? args[0] : "");
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println("dicomwatch: " + exception.getMessage());
            failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE_ERROR;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof UsageException) {
                failed.getErr().println("dicomwatch: " + exception.getMessage());
                return ExitCodes.USAGE_ERROR;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    /**
     * Builds the command line for a run whose first argument is {@code named}. picocli builds each
     * command's model by reflection, and the capture command's pulls in the live capture classes.
     * So a run that names its command gets only that one, while help, errors and unknown commands
     * get them all.
     */
    static CommandLine commandLine(String named) {
        CommandLine commandLine = new CommandLine(new Main());
        boolean all = !named.equals("replay") && !named.equals("capture") && !named.equals("report");
        if (all || named.equals("replay")) {
            commandLine.addSubcommand(new ReplayCommand());
            SettingOptions.addTo(commandLine.getSubcommands().get("replay").getCommandSpec(), Setting.Command.REPLAY);
        }
        if (all || named.equals("capture")) {
            commandLine.addSubcommand(new CaptureCommand());
            SettingOptions.addTo(commandLine.getSubcommands().get("capture").getCommandSpec(), Setting.Command.CAPTURE);
        }
        if (all || named.equals("report")) {
            commandLine.addSubcommand(new ReportCommand());
        }
        if (all) {
            commandLine.addSubcommand(new CommandLine.HelpCommand());
        }
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'replay', 'capture' or 'report'.");
    }
}
