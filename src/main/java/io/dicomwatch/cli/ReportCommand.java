package io.dicomwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.inventory.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dicomwatch report}: prints a readable summary of an inventory file for people who do not read JSON. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        description = "Print the asset count, DICOM services, exposures and findings of an inventory file.")
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INVENTORY",
            description = "Inventory file written by 'dicomwatch replay' or 'capture'.")
    private Path inventoryFile;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
            description = "Output format: text, markdown or html. Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
            description = "File to write the report to, replaced atomically. Default: standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        JsonNode inventory = read(inventoryFile);
        ReportFormat.of(format, new PrintWriter(java.io.Writer.nullWriter()));
        if (output == null) {
            FindingsReport.write(inventory, ReportFormat.of(format, spec.commandLine().getOut()));
            return ExitCodes.SUCCESS;
        }
        InputChecks.check(java.util.List.of(inventoryFile), output);
        ReplayCommand.checkOutputDirectory(output);
        try {
            AtomicFiles.write(output, out -> {
                PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                FindingsReport.write(inventory, ReportFormat.of(format, writer));
                writer.flush();
            });
        } catch (IOException e) {
            spec.commandLine().getErr().println("dicomwatch: cannot write the report to " + output + ": "
                    + ReplayCommand.reason(e));
            return ExitCodes.INTERNAL_ERROR;
        }
        return ExitCodes.SUCCESS;
    }

    private static JsonNode read(Path file) throws IOException {
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException(file + " is a directory; give an inventory file written by replay or capture");
            }
            // Made here, not in a static field: picocli initialises every command class at start-up,
            // and an ObjectMapper costs each replay about 20 ms before it reads a packet.
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject() || !root.has("schemaVersion")) {
                throw new UsageException(file + " is not a dicomwatch inventory (no schemaVersion)");
            }
            JsonNode version = root.get("schemaVersion");
            if (!version.isIntegralNumber() || version.intValue() < 1
                    || version.intValue() > io.dicomwatch.inventory.Inventory.SCHEMA_VERSION) {
                throw new UsageException(file + ": schemaVersion " + version + " is not one this dicomwatch reads (1 to "
                        + io.dicomwatch.inventory.Inventory.SCHEMA_VERSION + "); use the dicomwatch that wrote it");
            }
            if (!root.path("assets").isArray() || !root.path("associations").isArray()) {
                throw new UsageException(file + " is not a dicomwatch inventory (no assets or associations list)");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw new UsageException("inventory file not found: " + file, e);
        } catch (JsonProcessingException e) {
            throw new UsageException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UsageException("inventory file not readable: " + file + "; check its permissions", e);
        }
    }
}
