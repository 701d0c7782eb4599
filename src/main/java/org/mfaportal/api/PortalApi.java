package org.mfaportal.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JSON endpoints, only where browser JavaScript needs them (WebAuthn ceremonies). */
@ApplicationPath("/api")
public class PortalApi extends Application {
}
