package org.mfaportal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    private final List<String> calls = new ArrayList<>();
    private final List<Cookie> cookies = new ArrayList<>();

    private final HttpServletResponse recorder = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                if (method.getName().equals("addCookie")) {
                    cookies.add((Cookie) args[0]);
                } else if (args != null && args.length == 2) {
                    calls.add(method.getName() + " " + args[0] + ": " + args[1]);
                }
                return null;
            });

    @Test
    void primeFacesPagePolicyReplacesTheFallbackInsteadOfJoiningIt() {
        new SecurityHeadersFilter.HardenedResponse(recorder, true).addHeader("Content-Security-Policy", "script-src 'self' 'nonce-x';");

        assertEquals(List.of("setHeader Content-Security-Policy: script-src 'self' 'nonce-x';"), calls);
    }

    @Test
    void otherHeadersAreAddedAsAsked() {
        new SecurityHeadersFilter.HardenedResponse(recorder, true).addHeader("Vary", "Accept");

        assertEquals(List.of("addHeader Vary: Accept"), calls);
    }

    @Test
    void cookiesLeaveHttpOnlyAndSecureOutsideDevMode() {
        new SecurityHeadersFilter.HardenedResponse(recorder, true).addCookie(new Cookie("primefaces.download", "true"));

        assertTrue(cookies.get(0).isHttpOnly());
        assertTrue(cookies.get(0).getSecure());
    }

    @Test
    void devModeKeepsCookiesUsableOverPlainHttp() {
        new SecurityHeadersFilter.HardenedResponse(recorder, false).addCookie(new Cookie("primefaces.download", "true"));

        assertTrue(cookies.get(0).isHttpOnly());
        assertFalse(cookies.get(0).getSecure());
    }
}
