package io.dicomwatch.dicom;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for {@link CommandSetParser}: any bytes give a command or null, never an exception.
 * Regression inputs are in {@code CommandSetParserFuzzTestInputs/parse}; docs/robustness.md shows
 * how to fuzz it.
 */
class CommandSetParserFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void parse(byte[] data) {
        DimseCommand command = CommandSetParser.parse(data, 0, data.length);
        if (command != null) {
            command.toString();
        }
    }
}
