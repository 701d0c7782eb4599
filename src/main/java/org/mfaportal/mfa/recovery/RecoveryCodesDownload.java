package org.mfaportal.mfa.recovery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.mfaportal.web.Messages;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** Freshly generated recovery codes as a text file for the user to keep. */
public final class RecoveryCodesDownload {

    static final String FILE_NAME = "mfa-portal-recovery-codes.txt";

    private RecoveryCodesDownload() {
    }

    public static StreamedContent of(String issuer, String username, List<String> codes) {
        StringBuilder text = new StringBuilder()
                .append(Messages.text(Locale.ENGLISH, "recovery.file.header", issuer, username)).append("\r\n")
                .append(Messages.text(Locale.ENGLISH, "recovery.file.advice")).append("\r\n\r\n");
        codes.forEach(code -> text.append(code).append("\r\n"));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder()
                .name(FILE_NAME)
                .contentType("text/plain; charset=UTF-8")
                .contentLength((long) bytes.length)
                .stream(() -> new ByteArrayInputStream(bytes))
                .build();
    }
}
