package org.mfaportal.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Map;

/**
 * One sign-in as a person does it in a browser that has no session yet: the login page, the form with username and
 * password, the second-factor page and its code when the flow has one, and the landing page, which must greet the user.
 * Static resources (CSS, scripts) are not fetched: a browser has them cached after its first visit.
 */
final class BrowserSignIn implements SignIn {

    static final String LOGIN_PAGE = "/login";
    static final String SECOND_FACTOR_PAGE = "/mfa/authenticate";
    static final String LANDING_PAGE = "/";

    /**
     * Times of one completed sign-in, from System.nanoTime(); the wall time of each of its requests by step, and how
     * many requests it took (redirects the driver followed included).
     */
    record Timing(long startedNanos, long finishedNanos, long secondFactorNanos, Map<SignInStep, Long> stepNanos, int requests) {

        Timing(long startedNanos, long finishedNanos, long secondFactorNanos) {
            this(startedNanos, finishedNanos, secondFactorNanos, Map.of(), 0);
        }

        long totalNanos() {
            return finishedNanos - startedNanos;
        }
    }

    private final BrowserSession browser;
    private final UserRoster roster;
    private final SignInFlow flow;
    private final StepObserver observer;
    private final boolean signOut;

    BrowserSignIn(BrowserSession browser, UserRoster roster, SignInFlow flow, StepObserver observer, boolean signOut) {
        this.browser = browser;
        this.roster = roster;
        this.flow = flow;
        this.observer = observer;
        this.signOut = signOut;
    }

    @Override
    public Timing signInAs(RosterEntry user) throws SignInFailure, InterruptedException {
        try {
            return signIn(user);
        } catch (HttpTimeoutException e) {
            throw new SignInFailure("request timed out after " + BrowserSession.REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new SignInFailure("I/O: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private Timing signIn(RosterEntry user) throws IOException, InterruptedException, SignInFailure {
        browser.startOver();
        long started = System.nanoTime();
        long requestsBefore = browser.requestsSent();
        StepTimes steps = new StepTimes(observer);

        Page loginPage = steps.time(SignInStep.LOGIN_PAGE, () -> browser.get(LOGIN_PAGE));
        expectOk(loginPage, "login page");
        FacesForm loginForm = FacesForm.of(loginPage, "login");
        Page afterPassword = steps.time(SignInStep.PASSWORD_FORM, () -> browser.submit(loginForm,
                Map.of("login:username", user.user().username(), "login:password", user.user().password()), "login:signIn"));
        String expected = flow.hasSecondFactor() ? SECOND_FACTOR_PAGE : LANDING_PAGE;
        // Since the sign-in web-layer change the password form answers with the second-factor page itself
        // (Content-Location names it); before, it redirected there. Both are followed.
        boolean secondFactorShown = flow.hasSecondFactor() && afterPassword.status() == 200
                && afterPassword.body().contains("id=\"secondFactor\"");
        if (!secondFactorShown && !afterPassword.isRedirectTo(expected)) {
            throw new SignInFailure(afterPassword.status() == 200 && afterPassword.body().contains("id=\"login\"")
                    ? "password step: login page shown again (password rejected)"
                    : "password step: expected a redirect to " + expected + ", got " + afterPassword.describe());
        }

        Page toLanding = afterPassword;
        long secondFactorNanos = -1;
        if (flow.hasSecondFactor()) {
            long secondFactorStarted = System.nanoTime();
            Page codePage = afterPassword;
            if (!secondFactorShown) {
                codePage = steps.time(SignInStep.CODE_PAGE, () -> browser.get(afterPassword.redirectTarget()));
                expectOk(codePage, "second-factor page");
            }
            FacesForm codeForm = FacesForm.of(codePage, "secondFactor");
            // The code is taken as late as possible: the password step may have run into the next time step.
            String code = roster.takeSecondFactorCode(user, Instant.now());
            Page afterCode = steps.time(SignInStep.CODE_FORM, () -> browser.submit(codeForm, Map.of("secondFactor:code", code), "secondFactor:verify"));
            secondFactorNanos = System.nanoTime() - secondFactorStarted;
            if (!afterCode.isRedirectTo(LANDING_PAGE)) {
                throw new SignInFailure(afterCode.status() == 200 && afterCode.body().contains("id=\"secondFactor\"")
                        ? "second factor: code rejected"
                        : "second factor: expected a redirect to " + LANDING_PAGE + ", got " + afterCode.describe());
            }
            toLanding = afterCode;
        }

        URI landingUri = toLanding.redirectTarget();
        Page landing = steps.time(SignInStep.LANDING_PAGE, () -> browser.get(landingUri));
        if (landing.status() != 200 || !landing.body().contains("id=\"greeting\"")) {
            throw new SignInFailure("landing page: no #greeting (" + landing.describe() + ")");
        }
        long finished = System.nanoTime();
        int requests = (int) (browser.requestsSent() - requestsBefore);

        if (signOut) {
            signOutFrom(landing);
        }
        return new Timing(started, finished, secondFactorNanos, steps.nanos(), requests);
    }

    /** Not part of the timed sign-in: ends the session, as the sign-out button does, so the server can free it now. */
    private void signOutFrom(Page landing) throws IOException, InterruptedException, SignInFailure {
        Page afterSignOut = browser.submit(FacesForm.of(landing, "signOutForm"), Map.of(), "signOutForm:signOut");
        if (!afterSignOut.isRedirectTo(LOGIN_PAGE)) {
            throw new SignInFailure("sign-out: expected a redirect to " + LOGIN_PAGE + ", got " + afterSignOut.describe());
        }
    }

    private static void expectOk(Page page, String what) throws SignInFailure {
        if (page.status() != 200) {
            throw new SignInFailure(what + ": " + page.describe());
        }
    }
}
