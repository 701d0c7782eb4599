package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/admin/", "/account/security?tab=factors", "/a%2F%2Fb", "/path/with:colon"})
    void pathsInsideTheApplicationAreAccepted(String path) {
        assertEquals(Optional.of(new ReturnPath(path)), ReturnPath.parse(path));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "//evil.example/", "/\\evil.example", "\\\\evil.example", "https://evil.example/", "http:/evil.example",
        "evil.example", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example", "/ok\r\nLocation: x",
        "/a\\b", "/ space", "/\u007f"})
    void anythingABrowserCouldReadAsAnotherSiteIsRefused(String candidate) {
        assertTrue(ReturnPath.parse(candidate).isEmpty(), String.valueOf(candidate));
    }

    @Test
    void overlongPathsAreRefused() {
        assertTrue(ReturnPath.parse("/" + "a".repeat(ReturnPath.MAX_LENGTH)).isEmpty());
    }

    @Test
    void constructorRefusesUnsafeValues() {
        assertThrows(IllegalArgumentException.class, () -> new ReturnPath("//evil.example"));
    }

    @Test
    void requestPathIsTakenRelativeToTheContextPathWithItsQuery() {
        assertEquals(Optional.of(new ReturnPath("/admin/?x=1")), ReturnPath.ofRequest("/portal", "/portal/admin/", "x=1"));
        assertEquals(Optional.of(new ReturnPath("/")), ReturnPath.ofRequest("", "/", null));
    }

    @Test
    void requestOutsideTheContextPathHasNoReturnPath() {
        assertTrue(ReturnPath.ofRequest("/portal", "/other/page", null).isEmpty());
        assertTrue(ReturnPath.ofRequest("", "//evil.example/", null).isEmpty());
    }

    @Test
    void redirectTargetKeepsTheContextPath() {
        assertEquals("/portal/admin/", new ReturnPath("/admin/").withContextPath("/portal"));
    }
}
