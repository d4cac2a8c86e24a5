package dev.srpo.viz;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as HTML: a notebook cell ending in {@code render(HtmlTables.of(table), "text/html")} shows one. Values are
 * escaped, numbers are right-aligned and text left-aligned, and long tables are cut with a closing row that says how many were left.
 */
public final class HtmlTables {

    /** Rows shown by {@link #of(Table)} before the table is cut. */
    public static final int DEFAULT_MAX_ROWS = 50;

    private HtmlTables() {}

    /** The table as HTML, at most {@value #DEFAULT_MAX_ROWS} rows. */
    public static String of(Table table) {
        return of(table, DEFAULT_MAX_ROWS);
    }

    /** The table as HTML, at most {@code maxRows} rows. */
    public static String of(Table table, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
        }
        StringBuilder html = new StringBuilder("<table class=\"srpo-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        html.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            html.append(align(c, "th")).append(escape(c.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int shown = Math.min(maxRows, table.rowCount());
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (Column<?> c : table.columns()) {
                html.append(align(c, "td")).append(escape(c.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        if (shown < table.rowCount()) {
            html.append("<tr><td colspan=\"")
                    .append(table.columnCount())
                    .append("\">… ")
                    .append(table.rowCount() - shown)
                    .append(" more rows</td></tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** Numbers right-aligned, text left-aligned (Jupyter's own style right-aligns every cell). */
    private static String align(Column<?> c, String tag) {
        return "<" + tag + " style=\"text-align:" + (c instanceof NumericColumn ? "right" : "left") + "\">";
    }
}
