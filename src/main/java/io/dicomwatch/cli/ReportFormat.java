package io.dicomwatch.cli;

import java.io.PrintWriter;
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

    /** Aligned columns for a terminal. */
    static final class Text extends ReportFormat {
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
                    widths[i] = Math.max(widths[i], Math.min(60, printable(row.get(i)).length()));
                }
            }
            printRow(headers, widths);
            for (List<String> row : rows) {
                printRow(row, widths);
            }
        }

        private void printRow(List<String> cells, int[] widths) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                String cell = printable(cells.get(i));
                line.append(i == 0 ? "" : "  ").append(cell);
                line.append(" ".repeat(Math.max(0, widths[i] - cell.length())));
            }
            out.println(line.toString().stripTrailing());
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
