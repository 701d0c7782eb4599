package org.mfaportal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void plainCellsStayAsTheyAre() {
        assertEquals("a,b,,c\r\n", CsvWriter.line(Arrays.asList("a", "b", null, "c")));
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n", CsvWriter.line(Arrays.asList("x,y", "say \"hi\"", "two\nlines")));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreDefused() {
        assertEquals("'=1+1", CsvWriter.cell("=1+1"));
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", CsvWriter.cell("=HYPERLINK(\"http://evil.example\")"));
        assertEquals("'+1", CsvWriter.cell("+1"));
        assertEquals("'-1", CsvWriter.cell("-1"));
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)"));
    }
}
