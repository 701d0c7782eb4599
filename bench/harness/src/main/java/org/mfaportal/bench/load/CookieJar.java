package org.mfaportal.bench.load;

import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One virtual user's cookies for the one portal host: what a browser would send back. Only the name and value matter
 * for that; a cookie the server expires (Max-Age=0 or an empty value) is forgotten.
 */
final class CookieJar {

    private final Map<String, String> cookies = new LinkedHashMap<>();

    void keepFrom(HttpHeaders responseHeaders) {
        for (String setCookie : responseHeaders.allValues("Set-Cookie")) {
            String[] attributes = setCookie.split(";");
            int equals = attributes[0].indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = attributes[0].substring(0, equals).trim();
            String value = attributes[0].substring(equals + 1).trim();
            boolean expired = value.isEmpty();
            for (int i = 1; i < attributes.length; i++) {
                expired |= attributes[i].trim().toLowerCase(Locale.ROOT).equals("max-age=0");
            }
            if (expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    /** The value of a Cookie request header, or empty when there is nothing to send. */
    Optional<String> header() {
        return cookies.isEmpty()
                ? Optional.empty()
                : Optional.of(cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")));
    }

    /** A new browser: the next sign-in starts without a session. */
    void clear() {
        cookies.clear();
    }
}
