package dev.srpo.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTablesTest {

    static Table suites() {
        return Table.create(
                "success <by suite>",
                StringColumn.create("suite", "Spatial", "Object", "Goal", "Long & hard"),
                DoubleColumn.create("success", 0.98, 1.0, 0.99, 0.97));
    }

    @Test
    void escapesAndAlignsNumbers() {
        String html = HtmlTables.of(suites());
        assertTrue(html.contains("<caption>success &lt;by suite&gt;</caption>"), html);
        assertTrue(
                html.contains("<th style=\"text-align:left\">suite</th><th style=\"text-align:right\">success</th>"),
                html);
        assertTrue(html.contains("<td style=\"text-align:left\">Long &amp; hard</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">0.98</td>"), html);
        assertEquals(5, html.split("<tr>").length - 1, "header + 4 rows");
    }

    @Test
    void appendedNumbersAreAlignedToo() {
        // Tablesaw can hold two instances of one column type (seen in the notebook kernel), so the numeric check
        // must not compare column types by identity
        DoubleColumn grown = DoubleColumn.create("reward");
        grown.append(0.5);
        assertTrue(HtmlTables.of(Table.create(grown)).contains("<td style=\"text-align:right\">0.5</td>"));
    }

    @Test
    void longTablesAreCutWithACount() {
        String html = HtmlTables.of(suites(), 2);
        assertTrue(html.contains("Object"));
        assertFalse(html.contains("Goal"));
        assertTrue(html.contains("… 2 more rows"), html);
    }
}
