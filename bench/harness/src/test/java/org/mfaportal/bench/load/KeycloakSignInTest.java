package org.mfaportal.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeycloakSignInTest {

    private static final KeycloakSignIn.KeycloakClient CLIENT = new KeycloakSignIn.KeycloakClient("mfa-bench", "mfa-bench-driver",
            URI.create("http://127.0.0.1:18080/mfa-bench-callback"));

    /** Trimmed from what Keycloak 26.7.3 (theme keycloak.v2) answers to the authorization request. */
    private static final String LOGIN_PAGE = """
            <form id="kc-form-login" class="pf-v5-c-form pf-v5-u-w-100" onsubmit="login.disabled = true; return true;" action="http://localhost:18080/realms/mfa-bench/login-actions/authenticate?session_code=JOjH&amp;execution=3806&amp;client_id=mfa-bench-driver&amp;tab_id=zmVS" method="post" novalidate="novalidate">
              <input id="username" name="username" value="" type="text" autocomplete="username"
                     autofocus aria-invalid=""/>
              <input id="password" name="password" value="" type="password" autocomplete="current-password"/>
              <input type="hidden" id="id-hidden-input" name="credentialId" />
              <button class="pf-v5-c-button pf-m-primary pf-m-block" name="login" id="kc-login" type="submit">Sign In</button>
            </form>
            """;

    /** Keycloak's answer to the password of a user with an authenticator app. */
    private static final String OTP_PAGE = """
            <form id="kc-otp-login-form" class="pf-v5-c-form pf-v5-u-w-100" onsubmit="login.disabled = true; return true;" action="http://localhost:18080/realms/mfa-bench/login-actions/authenticate?session_code=-bzG&amp;execution=a751&amp;client_id=mfa-bench-driver&amp;tab_id=zmVS" method="post">
            <input id="kc-attempted-username" value="bench-totp-000001" readonly>
            <input id="selectedCredentialId" type="hidden" name="selectedCredentialId" value="8652cfe2-b88a-4d96-bc21-1efd1a3c3d25">
            <input id="otp" name="otp" value="" type="text" autocomplete="one-time-code" autofocus
                            inputmode="numeric"
                            aria-invalid=""/>
            <button class="pf-v5-c-button pf-m-primary pf-m-block" name="login" id="kc-login" type="submit">Sign In</button>
            </form>
            """;

    @Test
    void theAuthorizationRequestNamesTheClientTheRedirectAndTheCodeFlow() {
        assertEquals("/realms/mfa-bench/protocol/openid-connect/auth?client_id=mfa-bench-driver"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A18080%2Fmfa-bench-callback&response_type=code&scope=openid&state=s1&nonce=n1",
                CLIENT.authorizationPath("s1", "n1"));
    }

    @Test
    void theLoginFormIsPostedToItsUnescapedActionWithItsHiddenField() throws SignInFailure {
        FacesForm form = FacesForm.ofHtml(page(LOGIN_PAGE), KeycloakSignIn.LOGIN_FORM);
        assertEquals(URI.create("http://localhost:18080/realms/mfa-bench/login-actions/authenticate?session_code=JOjH&execution=3806"
                + "&client_id=mfa-bench-driver&tab_id=zmVS"), form.action());
        assertEquals(Map.of("credentialId", ""), form.hiddenFields());
    }

    @Test
    void theOtpFormKeepsTheSelectedCredential() throws SignInFailure {
        FacesForm form = KeycloakSignIn.otpFormOf(page(OTP_PAGE));
        assertEquals(Map.of("selectedCredentialId", "8652cfe2-b88a-4d96-bc21-1efd1a3c3d25"), form.hiddenFields());
        assertEquals("session_code=-bzG&execution=a751&client_id=mfa-bench-driver&tab_id=zmVS", form.action().getQuery());
    }

    @Test
    void aRejectedPasswordIsNamedAsSuch() {
        String again = LOGIN_PAGE.replace("<input id=\"password\"", "<span id=\"input-error\">Invalid username or password.</span><input id=\"password\"");
        SignInFailure failure = assertThrows(SignInFailure.class, () -> KeycloakSignIn.otpFormOf(page(again)));
        assertEquals("password step: login page shown again with an error (password rejected or account locked)", failure.getMessage());
    }

    @Test
    void aRedirectInsteadOfTheOtpFormIsAFailureWithWhereItWent() {
        Page redirect = new Page(URI.create("http://localhost:18080/x"), 302, Optional.of("http://127.0.0.1:18080/mfa-bench-callback?state=s&code=c"), "");
        SignInFailure failure = assertThrows(SignInFailure.class, () -> KeycloakSignIn.otpFormOf(redirect));
        assertEquals("password step: expected the OTP form, got HTTP 302 to /mfa-bench-callback?state=s&code=c", failure.getMessage());
    }

    @Test
    void doneIsTheRedirectToTheClientWithACodeForThisState() {
        assertTrue(CLIENT.isCodeRedirect(redirectTo("http://127.0.0.1:18080/mfa-bench-callback?state=s1&session_state=x&iss=y&code=abc.def"), "s1"));
        assertFalse(CLIENT.isCodeRedirect(redirectTo("http://127.0.0.1:18080/mfa-bench-callback?state=s2&code=abc"), "s1"), "another state");
        assertFalse(CLIENT.isCodeRedirect(redirectTo("http://127.0.0.1:18080/mfa-bench-callback?state=s1&error=access_denied"), "s1"), "no code");
        assertFalse(CLIENT.isCodeRedirect(redirectTo("http://127.0.0.1:18080/elsewhere?state=s1&code=abc"), "s1"), "another path");
        assertFalse(CLIENT.isCodeRedirect(page(OTP_PAGE), "s1"), "not a redirect");
    }

    private static Page redirectTo(String location) {
        return new Page(URI.create("http://localhost:18080/realms/mfa-bench/login-actions/authenticate"), 302, Optional.of(location), "");
    }

    private static Page page(String body) {
        return new Page(URI.create("http://localhost:18080/realms/mfa-bench/protocol/openid-connect/auth"), 200, Optional.empty(), body);
    }
}
