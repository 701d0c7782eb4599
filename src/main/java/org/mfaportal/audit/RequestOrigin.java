package org.mfaportal.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from, as recorded with audit events. Behind a load balancer the remote address is the
 * client's only when Undertow's {@code proxy-address-forwarding} is on (see the README's operator section).
 */
public record RequestOrigin(String ipAddress, String userAgent) {

    static final int MAX_USER_AGENT_LENGTH = 512;

    public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);

    public RequestOrigin {
        userAgent = AuditEvent.truncate(userAgent, MAX_USER_AGENT_LENGTH);
    }

    public static RequestOrigin of(HttpServletRequest request) {
        return new RequestOrigin(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
