package org.mfaportal.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The common and breached passwords the portal refuses (NIST SP 800-63B-4 §3.1.1.2): the 100,001 most frequent
 * passwords of the breach corpora that nbvcxz ships as {@code dictionaries/passwords.txt}. Loaded once, on first
 * use, into a hash set: each check is one lookup. Passwords are compared in lower case (the list's 100,001 entries
 * are 96,520 lower-case forms), so a capital letter in front of a listed password does not make it acceptable.
 */
public final class CommonPasswords {

    static final String RESOURCE = "dictionaries/passwords.txt";

    /** The lower-case forms of the entries. */
    private final Set<String> folded;
    private final int entries;

    CommonPasswords(Set<String> entries) {
        this.entries = entries.size();
        Set<String> lowerCase = new HashSet<>(entries.size() * 2);
        for (String entry : entries) {
            lowerCase.add(canonical(entry));
        }
        this.folded = Set.copyOf(lowerCase);
    }

    /** The list that ships with the portal, read from the class path the first time anyone asks. */
    public static CommonPasswords shipped() {
        return Shipped.LIST;
    }

    private static final class Shipped {
        static final CommonPasswords LIST = load();
    }

    static CommonPasswords load() {
        InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("The common-password list " + RESOURCE + " is missing from the class path");
        }
        Set<String> entries = new HashSet<>(150_000);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String entry = PasswordPolicy.normalize(line.strip());
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The common-password list " + RESOURCE + " could not be read", e);
        }
        return new CommonPasswords(entries);
    }

    /** @param normalizedPassword the password after NFKC ({@link PasswordPolicy#normalize}) */
    public boolean contains(String normalizedPassword) {
        return folded.contains(canonical(normalizedPassword));
    }

    /** How many different passwords the list names. */
    public int entries() {
        return entries;
    }

    private static String canonical(String password) {
        return PasswordPolicy.normalize(password).toLowerCase(Locale.ROOT);
    }
}
