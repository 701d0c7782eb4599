package org.mfaportal.audit;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from, as recorded with audit events. Behind a load balancer the remote address is the
 * client's only when Undertow's {@code proxy-address-forwarding} is on (see the README's operator section).
 */
public record RequestOrigin(String ipAddress, String userAgent) {

    static final int MAX_USER_AGENT_LENGTH = 512;

    public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

    public RequestOrigin {
        userAgent = storableUserAgent(userAgent);
    }

    public static RequestOrigin of(HttpServletRequest request) {
        return new RequestOrigin(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** The origin of the HTTP request being served, or {@link #UNKNOWN} outside one. */
    public static RequestOrigin current(Instance<HttpServletRequest> currentRequest) {
        try {
            return of(currentRequest.get());
        } catch (ContextNotActiveException | IllegalStateException outsideAnHttpRequest) {
            // timers, asynchronous work and in-container tests have no HTTP request to describe
            return UNKNOWN;
        }
    }

    /** A user agent cut to the length every table that stores one allows. */
    public static String storableUserAgent(String userAgent) {
        return AuditEvent.truncate(userAgent, MAX_USER_AGENT_LENGTH);
    }
}
