package org.mfaportal.bench;

import java.net.URI;
import java.util.Set;

/** Benchmarks send traffic to this machine only: a base URL naming any other host is refused before any request. */
public final class LocalServer {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private LocalServer() {
    }

    public static URI baseUrl(String text) {
        URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !LOOPBACK_HOSTS.contains(uri.getHost())) {
            throw new IllegalArgumentException("Only http://localhost (or 127.0.0.1, [::1]) is allowed as base URL, not " + text);
        }
        return uri;
    }
}
