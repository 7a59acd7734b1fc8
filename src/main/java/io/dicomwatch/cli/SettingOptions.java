package io.dicomwatch.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Long options made from {@link Setting}, so options and configuration keys stay the same. Each
 * command gets only the settings that apply to it.
 */
final class SettingOptions {
    private SettingOptions() {
    }

    /** Adds one long option per setting of {@code command} to {@code spec}. */
    static void addTo(CommandSpec spec, Setting.Command command) {
        for (Setting setting : Setting.values()) {
            if (setting.appliesTo(command)) {
                spec.addOption(option(setting));
            }
        }
    }

    private static OptionSpec option(Setting setting) {
        OptionSpec.Builder option = setting == Setting.OUTPUT
                ? OptionSpec.builder("-o", setting.option())
                : OptionSpec.builder(setting.option());
        String description = setting.description();
        if (setting.kind() == Setting.Kind.BOOLEAN) {
            option.arity("0").type(boolean.class);
        } else if (setting.isList()) {
            option.type(List.class).auxiliaryTypes(String.class).paramLabel(paramLabel(setting));
            description += " Repeat the option for several values.";
            if (!description.contains("Default") && !description.contains("Required")) {
                description += " Default: "
                        + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue().replace(';', ' ')) + ".";
            }
        } else {
            option.type(String.class).paramLabel(paramLabel(setting));
            if (!description.contains("Default") && !description.contains("Required")) {
                description += " Default: " + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue())
                        + ".";
            }
        }
        return option.description(description).build();
    }

    private static String paramLabel(Setting setting) {
        String label = switch (setting) {
            case DICOM_PORTS, TLS_PORTS -> "<port>";
            case ACKNOWLEDGED_FINDINGS -> "<id>";
            case ALLOWED_PEERS -> "<rule>";
            case SCANNER_AE_TITLES -> "<ae-title>";
            case STATE_DIRECTORY -> "<directory>";
            default -> null;
        };
        return label != null ? label : paramLabel(setting.kind());
    }

    private static String paramLabel(Setting.Kind kind) {
        return switch (kind) {
            case COUNT -> "<count>";
            case SIZE -> "<size>";
            case DURATION -> "<duration>";
            case PATH -> "<file>";
            case TEXT -> "<text>";
            case LIST -> "<name>";
            case NETWORK_LIST -> "<cidr>";
            case OPTIONAL_PATH -> "<file>";
            case BOOLEAN -> "";
        };
    }

    /** Returns the setting options given on the command line, as text; list values are joined by new lines. */
    static Map<Setting, String> matched(CommandSpec spec, Setting.Command command) {
        CommandLine.ParseResult parseResult = spec.commandLine().getParseResult();
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (!setting.appliesTo(command) || !parseResult.hasMatchedOption(setting.option())) {
                continue;
            }
            Object value = parseResult.matchedOptionValue(setting.option(), null);
            if (setting.kind() == Setting.Kind.BOOLEAN) {
                options.put(setting, "true");
            } else if (value instanceof List<?> items) {
                options.put(setting, String.join("\n", items.stream().map(String::valueOf).toList()));
            } else {
                options.put(setting, String.valueOf(value));
            }
        }
        return options;
    }
}
