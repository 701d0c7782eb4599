package org.mfaportal.auth;

import java.io.Serializable;
import java.util.Optional;

/**
 * A page inside the application to continue to after sign-in. Only ever a path relative to the context root,
 * never a URL with a scheme or host, so a crafted link cannot turn sign-in into an open redirect. Serializable: it is
 * kept in the HTTP session, which a cluster may replicate.
 */
public record ReturnPath(String value) implements Serializable {

    public static final ReturnPath HOME = new ReturnPath("/");

    static final int MAX_LENGTH = 2000;

    public ReturnPath {
        if (!isInsideApplication(value)) {
            throw new IllegalArgumentException("Not a path inside the application");
        }
    }

    public static Optional<ReturnPath> parse(String candidate) {
        return isInsideApplication(candidate) ? Optional.of(new ReturnPath(candidate)) : Optional.empty();
    }

    /** The page a request asked for, from its raw (still percent-encoded) URI, or empty when it is not a safe target. */
    public static Optional<ReturnPath> ofRequest(String contextPath, String requestUri, String queryString) {
        if (requestUri == null || !requestUri.startsWith(contextPath)) {
            return Optional.empty();
        }
        String path = requestUri.substring(contextPath.length());
        return parse(queryString == null || queryString.isEmpty() ? path : path + "?" + queryString);
    }

    /**
     * Browsers read "//host" and "/\host" as another host, and some strip tabs and newlines before resolving,
     * so all of these are refused rather than normalised.
     */
    static boolean isInsideApplication(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH || candidate.charAt(0) != '/') {
            return false;
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return false;
        }
        return candidate.chars().noneMatch(c -> c < 0x21 || c == 0x7f || c == '\\');
    }

    public String withContextPath(String contextPath) {
        return contextPath + value;
    }
}
