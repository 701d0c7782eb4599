package org.mfaportal.bench.load;

import java.net.URI;
import java.util.Optional;

/** One HTTP response as the driver needs it. */
record Page(URI uri, int status, Optional<String> location, String body) {

    boolean isRedirect() {
        return status >= 300 && status < 400 && location.isPresent();
    }

    URI redirectTarget() {
        return uri.resolve(location.orElseThrow(() -> new IllegalStateException("Not a redirect: HTTP " + status)));
    }

    boolean isRedirectTo(String path) {
        return isRedirect() && path.equals(redirectTarget().getPath());
    }

    /** How the page differs from what was expected, for the failure reasons of the report. */
    String describe() {
        return isRedirect() ? "HTTP " + status + " to " + redirectTarget().getPath() + queryOf(redirectTarget()) : "HTTP " + status;
    }

    private static String queryOf(URI target) {
        return target.getQuery() == null ? "" : "?" + target.getQuery();
    }
}
