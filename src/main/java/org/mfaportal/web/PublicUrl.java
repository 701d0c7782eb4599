package org.mfaportal.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mfaportal.config.PortalConfig;

/**
 * The one place that builds absolute URLs (links in e-mails). They start with {@code mfa.public-url}, never with the
 * Host header of a request: a forged Host header would otherwise make the portal mail a reset link that points to
 * the attacker's server (host-header injection).
 */
@ApplicationScoped
public class PublicUrl {

    @Inject
    PortalConfig config;

    /**
     * The absolute URL of a page of the portal, or empty when {@code mfa.public-url} is not set (or not an http(s)
     * URL without query): then no link can be mailed.
     *
     * @param path a path inside the portal, starting with "/"
     * @param query parameters, encoded here
     */
    public Optional<String> of(String path, Map<String, String> query) {
        return config.publicUrl().flatMap(PublicUrl::base).map(base -> build(base, path, query));
    }

    static Optional<String> base(String configured) {
        try {
            URI uri = URI.create(configured.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String base = uri.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return Optional.of(base);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    static String build(String base, String path, Map<String, String> query) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("Not a path inside the portal: " + path);
        }
        String parameters = query.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return base + path + (parameters.isEmpty() ? "" : "?" + parameters);
    }
}
