package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void defaultParametersAreLeftOut() {
        assertEquals(
                "otpauth://totp/Example:alice@example.com?secret=" + SECRET_BASE32 + "&issuer=Example",
                OtpAuthUri.of("Example", "alice@example.com", SECRET, Totp.defaults()));
    }

    @Test
    void nonDefaultParametersAreAppended() {
        assertEquals(
                "otpauth://totp/Example:alice?secret=" + SECRET_BASE32
                        + "&issuer=Example&algorithm=SHA256&digits=8&period=60",
                OtpAuthUri.of("Example", "alice", SECRET, new Totp(HmacAlgorithm.SHA256, 8, 60)));
    }

    @Test
    void onlyTheParametersThatDifferFromTheDefaultsAreAppended() {
        assertEquals(
                "otpauth://totp/Example:alice?secret=" + SECRET_BASE32 + "&issuer=Example&algorithm=SHA512",
                OtpAuthUri.of("Example", "alice", SECRET, new Totp(HmacAlgorithm.SHA512, 6, 30)));
        assertEquals(
                "otpauth://totp/Example:alice?secret=" + SECRET_BASE32 + "&issuer=Example&digits=7",
                OtpAuthUri.of("Example", "alice", SECRET, new Totp(HmacAlgorithm.SHA1, 7, 30)));
        assertEquals(
                "otpauth://totp/Example:alice?secret=" + SECRET_BASE32 + "&issuer=Example&period=45",
                OtpAuthUri.of("Example", "alice", SECRET, new Totp(HmacAlgorithm.SHA1, 6, 45)));
    }

    @Test
    void secretIsBase32WithoutPadding() {
        String uri = OtpAuthUri.of("Example", "alice", new byte[] {'f'}, Totp.defaults());
        assertTrue(uri.contains("?secret=MY&"), uri);
    }

    @Test
    void spacesAreEncodedAsPercent20NeverPlus() {
        String uri = OtpAuthUri.of("ACME Co", "john doe", SECRET, Totp.defaults());
        assertEquals("otpauth://totp/ACME%20Co:john%20doe?secret=" + SECRET_BASE32 + "&issuer=ACME%20Co", uri);
        assertFalse(uri.contains("+"), uri);
    }

    @Test
    void colonsInIssuerOrAccountCannotBeConfusedWithTheSeparator() {
        String uri = OtpAuthUri.of("Big:Corp", "ops:alice", SECRET, Totp.defaults());
        assertEquals("otpauth://totp/Big%3ACorp:ops%3Aalice?secret=" + SECRET_BASE32 + "&issuer=Big%3ACorp", uri);
    }

    @Test
    void queryDelimitersAreEncodedAndAtSignIsKept() {
        String uri = OtpAuthUri.of("A&B=C?#/%+", "x&y@example.com", SECRET, Totp.defaults());
        assertEquals("otpauth://totp/A%26B%3DC%3F%23%2F%25%2B:x%26y@example.com?secret=" + SECRET_BASE32
                + "&issuer=A%26B%3DC%3F%23%2F%25%2B", uri);
    }

    @Test
    void nonAsciiIsPercentEncodedUtf8() {
        String uri = OtpAuthUri.of("Zoë Bank", "zoë@例え.jp", SECRET, Totp.defaults());
        assertEquals("otpauth://totp/Zo%C3%AB%20Bank:zo%C3%AB@%E4%BE%8B%E3%81%88.jp?secret=" + SECRET_BASE32
                + "&issuer=Zo%C3%AB%20Bank", uri);
    }

    @Test
    void standardUriParserRecoversIssuerAndAccount() {
        String uri = OtpAuthUri.of("Zoë & Co: Bank", "ops:zoë@example.com", SECRET, Totp.defaults());
        URI parsed = URI.create(uri);

        assertEquals("otpauth", parsed.getScheme());
        assertEquals("totp", parsed.getHost());
        String rawLabel = parsed.getRawPath().substring(1);
        String[] issuerAndAccount = rawLabel.split(":", -1);
        assertEquals(2, issuerAndAccount.length, rawLabel);
        assertEquals("Zoë & Co: Bank", URI.create("x:/" + issuerAndAccount[0]).getPath().substring(1));
        assertEquals("ops:zoë@example.com", URI.create("x:/" + issuerAndAccount[1]).getPath().substring(1));
        assertTrue(parsed.getRawQuery().endsWith("&issuer=" + issuerAndAccount[0]), parsed.getRawQuery());
    }

    @Test
    void missingArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of(" ", "alice", SECRET, Totp.defaults()));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("Example", null, SECRET, Totp.defaults()));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("Example", "alice", new byte[0], Totp.defaults()));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("Example", "alice", SECRET, null));
    }
}
