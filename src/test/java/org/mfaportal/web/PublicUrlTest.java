package org.mfaportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Absolute links come from the configured base URL only. */
class PublicUrlTest {

    @Test
    void linksStartWithTheConfiguredBaseAndEncodeTheirParameters() {
        String base = PublicUrl.base("https://intranet.example.com/portal/").orElseThrow();

        assertEquals("https://intranet.example.com/portal/password/reset?token=a%2Bb%26c",
                PublicUrl.build(base, "/password/reset", Map.of("token", "a+b&c")));
    }

    @Test
    void onlyAnHttpBaseWithoutQueryOrCredentialsIsUsable() {
        assertEquals(Optional.of("http://localhost:8080"), PublicUrl.base("http://localhost:8080"));
        assertEquals(Optional.empty(), PublicUrl.base("javascript:alert(1)"));
        assertEquals(Optional.empty(), PublicUrl.base("intranet.example.com"));
        assertEquals(Optional.empty(), PublicUrl.base("https://intranet.example.com/?x=1"));
        assertEquals(Optional.empty(), PublicUrl.base("https://user:pw@intranet.example.com"));
        assertEquals(Optional.empty(), PublicUrl.base("https://exa mple.com"));
    }

    @Test
    void aPathMustStayInsideThePortal() {
        assertThrows(IllegalArgumentException.class, () -> PublicUrl.build("https://a.example", "//evil.example/x", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> PublicUrl.build("https://a.example", "evil", Map.of()));
    }
}
