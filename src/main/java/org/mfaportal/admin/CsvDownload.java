package org.mfaportal.admin;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.mfaportal.audit.CsvWriter;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** The admin pages' CSV exports: a filtered list read from the database in batches, as one file to download. */
final class CsvDownload {

    /** An export is a working copy, not a backup: it stops here. */
    static final int MAX_ROWS = 100_000;

    /** One batch of the list: the rows from {@code first}, at most {@code size} of them. */
    interface Batches<T> {
        List<T> read(int first, int size);
    }

    private CsvDownload() {
    }

    static <T> StreamedContent of(String fileName, List<String> header, Batches<T> batches, int batchSize, Function<T, List<String>> cells) {
        StringBuilder csv = new StringBuilder(CsvWriter.line(header));
        for (int first = 0; first < MAX_ROWS; first += batchSize) {
            List<T> batch = batches.read(first, batchSize);
            batch.forEach(row -> csv.append(CsvWriter.line(cells.apply(row))));
            if (batch.size() < batchSize) {
                break;
            }
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name(fileName).contentType("text/csv; charset=UTF-8")
                .contentLength((long) bytes.length).stream(() -> new ByteArrayInputStream(bytes)).build();
    }
}
