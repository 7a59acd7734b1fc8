package io.dicomwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Entry point of the dicomwatch command. */
@Command(name = "dicomwatch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Passive DICOM/PACS asset discovery from captured network traffic.",
        subcommands = {ReplayCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:internal error",
            "2:usage or configuration error, missing input file",
            "3:input partly unreadable; the inventory of what was read was written"})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code instead of exiting, for tests. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        addSettingOptions(commandLine.getSubcommands().get("replay").getCommandSpec());
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

    /** Adds one long option per {@link Setting}, so options and configuration keys stay the same. */
    private static void addSettingOptions(CommandSpec command) {
        for (Setting setting : Setting.values()) {
            OptionSpec.Builder option = setting == Setting.OUTPUT
                    ? OptionSpec.builder("-o", setting.option())
                    : OptionSpec.builder(setting.option());
            String description = setting.description();
            if (setting.kind() == Setting.Kind.BOOLEAN) {
                option.arity("0").type(boolean.class);
            } else {
                option.type(String.class).paramLabel(paramLabel(setting.kind()));
                description += " Default: " + setting.defaultValue() + ".";
            }
            command.addOption(option.description(description).build());
        }
    }

    private static String paramLabel(Setting.Kind kind) {
        return switch (kind) {
            case COUNT -> "<count>";
            case SIZE -> "<size>";
            case DURATION -> "<duration>";
            case PATH, OPTIONAL_PATH -> "<file>";
            case BOOLEAN -> "";
        };
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: use 'replay'.");
    }
}
