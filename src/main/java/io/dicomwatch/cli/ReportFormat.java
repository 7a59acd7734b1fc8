package io.dicomwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders headings, paragraphs and tables as plain text, Markdown or HTML. Every cell and line
 * is escaped for its format, because AE titles and other values come from the network and may
 * hold markup.
 */
abstract class ReportFormat {
    protected final PrintWriter out;

    ReportFormat(PrintWriter out) {
        this.out = out;
    }

    static ReportFormat of(String name, PrintWriter out) {
        return switch (name) {
            case "text" -> new Text(out);
            case "markdown" -> new Markdown(out);
            case "html" -> new Html(out);
            default -> throw new UsageException("invalid --format '" + name + "': expected text, markdown or html");
        };
    }

    void begin(String title) {
        heading(title);
    }

    abstract void heading(String text);

    abstract void paragraph(String text);

    abstract void table(List<String> headers, List<List<String>> rows);

    void end() {
        out.flush();
    }

    /** Replaces control characters, which a tampered file could hold, so no value moves the terminal. */
    static String printable(String text) {
        StringBuilder result = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            result.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return result.toString();
    }

    /** Aligned columns for a terminal, with longer cells wrapped at {@link #MAX_COLUMN_WIDTH} characters. */
    static final class Text extends ReportFormat {
        static final int MAX_COLUMN_WIDTH = 60;

        Text(PrintWriter out) {
            super(out);
        }

        @Override
        void heading(String text) {
            out.println();
            out.println(printable(text));
            out.println("=".repeat(text.length()));
        }

        @Override
        void paragraph(String text) {
            out.println(printable(text));
        }

        @Override
        void table(List<String> headers, List<List<String>> rows) {
            int[] widths = new int[headers.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = headers.get(i).length();
                for (List<String> row : rows) {
                    widths[i] = Math.max(widths[i], Math.min(MAX_COLUMN_WIDTH, printable(row.get(i)).length()));
                }
            }
            printRow(headers, widths);
            for (List<String> row : rows) {
                printRow(row, widths);
            }
        }

        /** Prints one row. A cell wider than its column wraps onto more lines, so columns stay aligned. */
        private void printRow(List<String> cells, int[] widths) {
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < cells.size(); i++) {
                List<String> lines = wrap(printable(cells.get(i)), widths[i]);
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            for (int lineIndex = 0; lineIndex < height; lineIndex++) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < wrapped.size(); i++) {
                    List<String> lines = wrapped.get(i);
                    String part = lineIndex < lines.size() ? lines.get(lineIndex) : "";
                    line.append(i == 0 ? "" : "  ").append(part);
                    line.append(" ".repeat(Math.max(0, widths[i] - part.length())));
                }
                out.println(line.toString().stripTrailing());
            }
        }

        /** Splits text into lines of at most {@code width} characters, at spaces where there are any. */
        static List<String> wrap(String text, int width) {
            List<String> lines = new ArrayList<>();
            String rest = text;
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    lines.add(rest.substring(0, width));
                    rest = rest.substring(width);
                } else {
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut + 1);
                }
            }
            lines.add(rest);
            return lines;
        }
    }

    /** GitHub-flavoured Markdown. */
    static final class Markdown extends ReportFormat {
        Markdown(PrintWriter out) {
            super(out);
        }

        @Override
        void begin(String title) {
            out.println("# " + escape(title));
        }

        @Override
        void heading(String text) {
            out.println();
            out.println("## " + escape(text));
            out.println();
        }

        @Override
        void paragraph(String text) {
            out.println(escape(text));
            out.println();
        }

        @Override
        void table(List<String> headers, List<List<String>> rows) {
            out.println("| " + String.join(" | ", headers.stream().map(Markdown::escape).toList()) + " |");
            out.println("|" + " --- |".repeat(headers.size()));
            for (List<String> row : rows) {
                out.println("| " + String.join(" | ", row.stream().map(Markdown::escape).toList()) + " |");
            }
            out.println();
        }

        /** Escapes Markdown syntax and HTML, which Markdown renderers pass through. */
        static String escape(String text) {
            StringBuilder result = new StringBuilder();
            for (char c : printable(text).toCharArray()) {
                switch (c) {
                    case '<' -> result.append("&lt;");
                    case '>' -> result.append("&gt;");
                    case '&' -> result.append("&amp;");
                    case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '!', '|', '~' ->
                            result.append('\\').append(c);
                    default -> result.append(c);
                }
            }
            return result.toString();
        }
    }

    /** A standalone HTML page without scripts or external resources. */
    static final class Html extends ReportFormat {
        Html(PrintWriter out) {
            super(out);
        }

        @Override
        void begin(String title) {
            out.println("<!DOCTYPE html>");
            out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
            out.println("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    + "style-src 'unsafe-inline'\">");
            out.println("<title>" + escape(title) + "</title>");
            out.println("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                    + "td,th{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}</style>");
            out.println("</head><body>");
            out.println("<h1>" + escape(title) + "</h1>");
        }

        @Override
        void heading(String text) {
            out.println("<h2>" + escape(text) + "</h2>");
        }

        @Override
        void paragraph(String text) {
            out.println("<p>" + escape(text) + "</p>");
        }

        @Override
        void table(List<String> headers, List<List<String>> rows) {
            out.println("<table>");
            out.println("<tr>" + String.join("", headers.stream().map(h -> "<th>" + escape(h) + "</th>").toList())
                    + "</tr>");
            for (List<String> row : rows) {
                out.println("<tr>" + String.join("", row.stream().map(c -> "<td>" + escape(c) + "</td>").toList())
                        + "</tr>");
            }
            out.println("</table>");
        }

        @Override
        void end() {
            out.println("</body></html>");
            super.end();
        }

        static String escape(String text) {
            StringBuilder result = new StringBuilder();
            for (char c : printable(text).toCharArray()) {
                switch (c) {
                    case '<' -> result.append("&lt;");
                    case '>' -> result.append("&gt;");
                    case '&' -> result.append("&amp;");
                    case '"' -> result.append("&quot;");
                    case '\'' -> result.append("&#39;");
                    default -> result.append(c);
                }
            }
            return result.toString();
        }
    }
}
