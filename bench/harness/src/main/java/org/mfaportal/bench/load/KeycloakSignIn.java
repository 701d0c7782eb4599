package org.mfaportal.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One sign-in to Keycloak as a browser without a session does it, the anchor of the comparison (issue 14): Keycloak's
 * OIDC authorization-code flow with its own login forms. {@code GET /realms/R/protocol/openid-connect/auth}, the login
 * form's {@code POST} with username and password, for users with an authenticator app the OTP form (Keycloak answers
 * the password with it directly) and its {@code POST}; the sign-in is done when Keycloak redirects to the client's
 * redirect URI with a {@code code}. That redirect is not followed and the code is not exchanged (no token request):
 * the portal's sign-in has no counterpart to it either. Static resources are not fetched, as for the portal.
 */
final class KeycloakSignIn implements SignIn {

    static final String LOGIN_FORM = "kc-form-login";
    static final String OTP_FORM = "kc-otp-login-form";

    /** Keycloak's "Invalid username or password." on its login page, in the v2 and the classic theme. */
    private static final Pattern LOGIN_ERROR = Pattern.compile("id=\"input-error\"|kc-feedback-text|pf-m-danger|alert-error");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BrowserSession browser;
    private final UserRoster roster;
    private final SignInFlow flow;
    private final StepObserver observer;
    private final KeycloakClient client;

    /** The realm and the client the driver signs in to. */
    record KeycloakClient(String realm, String clientId, URI redirectUri) {

        String authorizationPath(String state, String nonce) {
            return "/realms/" + encode(realm) + "/protocol/openid-connect/auth?client_id=" + encode(clientId)
                    + "&redirect_uri=" + encode(redirectUri.toString()) + "&response_type=code&scope=openid"
                    + "&state=" + encode(state) + "&nonce=" + encode(nonce);
        }

        /** Whether Keycloak sent the browser back to the client with an authorization code for this state. */
        boolean isCodeRedirect(Page page, String state) {
            if (!page.isRedirect()) {
                return false;
            }
            URI target = page.redirectTarget();
            String query = target.getRawQuery() == null ? "" : target.getRawQuery();
            boolean sameEndpoint = target.getScheme().equals(redirectUri.getScheme()) && target.getHost().equals(redirectUri.getHost())
                    && target.getPort() == redirectUri.getPort() && target.getPath().equals(redirectUri.getPath());
            return sameEndpoint && Pattern.compile("(^|&)code=[^&]+").matcher(query).find()
                    && Pattern.compile("(^|&)state=" + Pattern.quote(encode(state)) + "(&|$)").matcher(query).find();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    KeycloakSignIn(BrowserSession browser, UserRoster roster, SignInFlow flow, StepObserver observer, KeycloakClient client) {
        if (flow != SignInFlow.PASSWORD_ONLY && flow != SignInFlow.PASSWORD_AND_TOTP) {
            throw new IllegalArgumentException("--target keycloak runs --flow password and password+totp only");
        }
        this.browser = browser;
        this.roster = roster;
        this.flow = flow;
        this.observer = observer;
        this.client = client;
    }

    @Override
    public BrowserSignIn.Timing signInAs(RosterEntry user) throws SignInFailure, InterruptedException {
        try {
            return signIn(user);
        } catch (HttpTimeoutException e) {
            throw new SignInFailure("request timed out after " + BrowserSession.REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new SignInFailure("I/O: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private BrowserSignIn.Timing signIn(RosterEntry user) throws IOException, InterruptedException, SignInFailure {
        browser.startOver();
        String state = randomToken();
        long started = System.nanoTime();
        long requestsBefore = browser.requestsSent();
        StepTimes steps = new StepTimes(observer);

        Page loginPage = steps.time(SignInStep.LOGIN_PAGE, () -> browser.get(client.authorizationPath(state, randomToken())));
        if (loginPage.status() != 200) {
            throw new SignInFailure("login page: " + loginPage.describe());
        }
        FacesForm loginForm = FacesForm.ofHtml(loginPage, LOGIN_FORM);
        Page afterPassword = steps.time(SignInStep.PASSWORD_FORM, () -> browser.submit(loginForm,
                Map.of("username", user.user().username(), "password", user.user().password()), "login"));

        Page done = afterPassword;
        long secondFactorNanos = -1;
        if (flow.hasSecondFactor()) {
            long secondFactorStarted = System.nanoTime();
            FacesForm otpForm = otpFormOf(afterPassword);
            // As late as possible: the password step may have run into the next time step.
            String code = roster.takeSecondFactorCode(user, Instant.now());
            done = steps.time(SignInStep.CODE_FORM, () -> browser.submit(otpForm, Map.of("otp", code), "login"));
            secondFactorNanos = System.nanoTime() - secondFactorStarted;
            if (!client.isCodeRedirect(done, state)) {
                throw new SignInFailure(done.status() == 200 && done.body().contains("id=\"" + OTP_FORM + "\"")
                        ? "second factor: code rejected"
                        : "second factor: expected a redirect to the client with a code, got " + done.describe());
            }
        } else if (!client.isCodeRedirect(done, state)) {
            throw new SignInFailure(passwordFailure(done, "a redirect to the client with a code"));
        }
        long finished = System.nanoTime();
        return new BrowserSignIn.Timing(started, finished, secondFactorNanos, steps.nanos(), (int) (browser.requestsSent() - requestsBefore));
    }

    /** Keycloak answers the password of a user with an authenticator app with its OTP form (200, no redirect). */
    static FacesForm otpFormOf(Page afterPassword) throws SignInFailure {
        if (afterPassword.status() != 200 || !afterPassword.body().contains("id=\"" + OTP_FORM + "\"")) {
            throw new SignInFailure(passwordFailure(afterPassword, "the OTP form"));
        }
        return FacesForm.ofHtml(afterPassword, OTP_FORM);
    }

    private static String passwordFailure(Page page, String expected) {
        if (page.status() == 200 && page.body().contains("id=\"" + LOGIN_FORM + "\"")) {
            return LOGIN_ERROR.matcher(page.body()).find()
                    ? "password step: login page shown again with an error (password rejected or account locked)"
                    : "password step: login page shown again";
        }
        if (page.status() == 200 && page.body().contains("required-action")) {
            return "password step: Keycloak asks for a required action (the realm import left one)";
        }
        return "password step: expected " + expected + ", got " + page.describe();
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
