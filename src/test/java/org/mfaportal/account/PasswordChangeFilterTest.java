package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordChangeFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/account/security/password", "/account/security/password.xhtml", "/account/reauthenticate", "/login",
        "/jakarta.faces.resource/core.js.xhtml", "/api/webauthn/reauthentication/options"})
    void thePasswordPageAndWhatItNeedsStayReachable(String path) {
        assertTrue(PasswordChangeFilter.isAllowed(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.xhtml", "/admin/", "/admin/users", "/account/security/", "/account/security/totp",
        "/account/security/password/../../../admin/", "/account/security/password;x=1", "/account/security/passwordx",
        "/api/webauthn/registration/options"})
    void everythingElseIsNot(String path) {
        assertFalse(PasswordChangeFilter.isAllowed(path), path);
    }
}
