package org.mfaportal.audit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 CSV lines. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe:
 * audit data holds attacker-typed text such as usernames and user agents (CSV injection).
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static String line(List<String> cells) {
        return cells.stream().map(CsvWriter::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
