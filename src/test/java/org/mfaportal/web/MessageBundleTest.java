package org.mfaportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of every language of the bundle survives {@link MessageFormat}: a text with a placeholder loses a single
 * apostrophe ("don't" becomes "dont") and shows a doubled one literally when it has none.
 */
class MessageBundleTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+[^}]*}");

    private static List<Path> bundles() throws IOException, URISyntaxException {
        Path base = Path.of(MessageBundleTest.class.getResource("/org/mfaportal/messages.properties").toURI()).getParent();
        try (Stream<Path> files = Files.list(base)) {
            return files.filter(file -> file.getFileName().toString().matches("messages(_\\w+)?\\.properties")).sorted().toList();
        }
    }

    private static Properties load(Path bundle) throws IOException {
        Properties texts = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            texts.load(reader);
        }
        return texts;
    }

    @Test
    void everyLanguageOfTheBundleIsChecked() throws Exception {
        assertFalse(bundles().isEmpty());
        assertTrue(load(bundles().get(0)).size() > 100, "the base bundle is the one the pages use");
    }

    @Test
    void apostrophesSurviveFormattingInEveryTextWithAPlaceholder() throws Exception {
        List<String> broken = new ArrayList<>();
        for (Path bundle : bundles()) {
            Properties texts = load(bundle);
            for (String key : texts.stringPropertyNames()) {
                String pattern = texts.getProperty(key);
                if (!PLACEHOLDER.matcher(pattern).find()) {
                    continue;
                }
                long written = pattern.chars().filter(c -> c == '\'').count();
                String formatted = new MessageFormat(pattern, Locale.ENGLISH).format(new Object[] {1, 2, 3, 4, 5, 6, 7});
                long shown = formatted.chars().filter(c -> c == '\'').count();
                if (shown * 2 != written) {
                    broken.add(bundle.getFileName() + " " + key + ": " + formatted);
                }
            }
        }
        assertEquals(List.of(), broken, "write an apostrophe as '' in texts with placeholders");
    }

    @Test
    void textsWithoutPlaceholdersHaveNoDoubledApostrophe() throws Exception {
        List<String> doubled = new ArrayList<>();
        for (Path bundle : bundles()) {
            Properties texts = load(bundle);
            texts.stringPropertyNames().stream()
                    .filter(key -> !PLACEHOLDER.matcher(texts.getProperty(key)).find() && texts.getProperty(key).contains("''"))
                    .forEach(key -> doubled.add(bundle.getFileName() + " " + key));
        }
        assertEquals(List.of(), doubled, "texts without placeholders are shown as written");
    }
}
