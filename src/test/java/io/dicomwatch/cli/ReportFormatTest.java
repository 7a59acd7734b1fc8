package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private static final String LONG_TITLE =
            "Verification-only association from a host that is not an established node";

    private static String textTable(List<String> headers, List<List<String>> rows) {
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        new ReportFormat.Text(out).table(headers, rows);
        out.flush();
        return buffer.toString();
    }

    @Test
    void longCellWrapsAndKeepsColumnsAligned() {
        String table = textTable(List.of("Finding", "Asset"),
                List.of(List.of(LONG_TITLE, "203.0.113.50"), List.of("Short", "192.0.2.30")));
        List<String> lines = table.lines().toList();
        int assetColumn = lines.get(0).indexOf("Asset");

        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).indexOf("203.0.113.50")).isEqualTo(assetColumn);
        assertThat(lines.get(3).indexOf("192.0.2.30")).isEqualTo(assetColumn);
        assertThat(lines.get(1).substring(0, assetColumn).strip() + " " + lines.get(2).strip())
                .isEqualTo(LONG_TITLE);
    }

    @Test
    void wrapBreaksAtSpaces() {
        assertThat(ReportFormat.Text.wrap("aaa bbb ccc", 7)).containsExactly("aaa bbb", "ccc");
    }

    @Test
    void wrapCutsWordLongerThanWidth() {
        assertThat(ReportFormat.Text.wrap("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void wrapKeepsShortText() {
        assertThat(ReportFormat.Text.wrap("", 5)).containsExactly("");
        assertThat(ReportFormat.Text.wrap("abc", 5)).containsExactly("abc");
    }
}
