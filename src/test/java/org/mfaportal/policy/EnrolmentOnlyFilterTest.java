package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrolmentOnlyFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/account/security/", "/account/security/totp", "/account/security/webauthn.xhtml",
        "/account/reauthenticate", "/api/webauthn/registration/options", "/jakarta.faces.resource/core.js.xhtml"})
    void setupPagesStayReachable(String path) {
        assertTrue(EnrolmentOnlyFilter.isAllowed(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.xhtml", "/admin/", "/account/securityx", "/account/security/totp-evil",
        "/account/security/../../admin/", "/api/webauthn/passkey"})
    void everythingElseIsNot(String path) {
        assertFalse(EnrolmentOnlyFilter.isAllowed(path), path);
    }
}
