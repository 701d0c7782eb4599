package org.mfaportal.mfa.webauthn;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who the portal is to authenticators: the RP id (a registrable domain, never an IP address in browsers) and the
 * origins its pages are served from. Configured for production; derived from the request otherwise.
 */
public record RelyingParty(String id, String name, Set<String> origins) {

    public static RelyingParty of(Optional<String> configuredId, String name, Optional<List<String>> configuredOrigins, HttpServletRequest request) {
        String id = configuredId.filter(value -> !value.isBlank()).orElse(request.getServerName());
        Set<String> origins = configuredOrigins.filter(list -> !list.isEmpty()).map(Set::copyOf).orElseGet(() -> Set.of(originOf(request)));
        return new RelyingParty(id, name, origins);
    }

    /** The origin (scheme, host, port) the request was addressed to, as browsers write it in an Origin header. */
    public static String originOf(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("https".equals(request.getScheme()) && port == 443) || ("http".equals(request.getScheme()) && port == 80);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
