package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Enrolling an authenticator app and signing in with a second factor, as a person does it, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecondFactorBrowserIT {

    private static final Totp APP = Totp.defaults();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;
    private String username;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(deploymentUrl);
        username = browser.newAccount();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** What the user's phone knows after scanning the QR code, and the recovery codes shown once. */
    private record Enrolment(byte[] secret, List<String> recoveryCodes) {
        /** A code no earlier sign-in used: the enrolment took the current step, so take later ones. */
        String codeForStepsAhead(int steps) {
            return APP.codeAt(secret, Instant.now().plusSeconds((long) steps * APP.periodSeconds()));
        }
    }

    private Enrolment signInAndEnrolTotp() {
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        browser.open("/account/security/totp");
        assertTrue(browser.find("#totpQrCode").getAttribute("src").startsWith("data:image/png;base64,"));
        assertFalse(browser.find("#totpQrCode").getAttribute("alt").isBlank());
        byte[] secret = Base32.decode(browser.text("#totpSecret"));
        assertFalse(browser.has("#totpParameters"), "the defaults every app assumes need no mention");
        browser.type("#totp\\:code", APP.codeAt(secret, Instant.now()));
        browser.submitWith("#totp\\:confirm");
        List<String> recoveryCodes = browser.driver().findElements(By.cssSelector(".recovery-code")).stream().map(WebElement::getText).toList();
        return new Enrolment(secret, recoveryCodes);
    }

    private void signInWithPassword() {
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/mfa/authenticate", browser.path());
    }

    private void enterCode(String code) {
        browser.type("#secondFactor\\:code", code);
        browser.submitWith("#secondFactor\\:verify");
    }

    @Test
    void enrolByQrCodeThenSignInWithPasswordAndCode() {
        Enrolment enrolment = signInAndEnrolTotp();
        assertEquals(10, enrolment.recoveryCodes().size(), "recovery codes shown once with the first factor");
        assertTrue(browser.has("#recoveryCodesActions\\:download"));
        browser.submitWith("#recoveryCodesActions\\:saved");
        browser.open("/account/security/totp");
        assertTrue(browser.has("#totpEnrolled"));
        browser.signOut();

        signInWithPassword();
        assertEquals("Enter the 6-digit code from your authenticator app, or one of your recovery codes.", browser.text("#codeHint"));
        String code = enrolment.codeForStepsAhead(1);
        enterCode(" " + code.substring(0, 3) + " " + code.substring(3) + " ");

        assertEquals("/", browser.path(), "spaces as people type them are ignored");
        assertTrue(browser.has("#greeting"));
    }

    @Test
    void wrongCodeAtEnrolmentKeepsTheSameSecret() {
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        browser.open("/account/security/totp");
        String secret = browser.text("#totpSecret");
        String right = APP.codeAt(Base32.decode(secret), Instant.now());

        browser.type("#totp\\:code", right.equals("000000") ? "111111" : "000000");
        browser.submitWith("#totp\\:confirm");

        assertTrue(browser.text("#totp").contains("That code is not right"));
        assertEquals(secret, browser.text("#totpSecret"));
    }

    @Test
    void sameCodeCannotSignInTwice() {
        Enrolment enrolment = signInAndEnrolTotp();
        browser.signOut();
        String code = enrolment.codeForStepsAhead(1);
        signInWithPassword();
        enterCode(code);
        assertEquals("/", browser.path());
        browser.signOut();

        signInWithPassword();
        enterCode(code);

        assertEquals("/mfa/authenticate", browser.path());
        assertTrue(browser.text("#secondFactor").contains("That code did not work"));
    }

    @Test
    void recoveryCodeSignsInOnceAndSaysHowManyAreLeft() {
        Enrolment enrolment = signInAndEnrolTotp();
        browser.signOut();
        String recoveryCode = enrolment.recoveryCodes().get(0);

        signInWithPassword();
        enterCode(recoveryCode.toLowerCase());
        assertEquals("/", browser.path());
        assertTrue(browser.text("#recoveryCodeNotice").contains("9 codes are left"), browser.text("#recoveryCodeNotice"));
        browser.signOut();

        signInWithPassword();
        enterCode(recoveryCode);
        assertEquals("/mfa/authenticate", browser.path());
        assertTrue(browser.text("#secondFactor").contains("That code did not work"));
    }

    /**
     * The password form answers with the second-factor page itself (no redirect). The page then names its own
     * address, so a reload asks for it instead of posting the password again, and the back button leads to the
     * password page.
     */
    @Test
    void passwordAnswersWithTheSecondFactorPageAndAReloadDoesNotPostThePasswordAgain() {
        Enrolment enrolment = signInAndEnrolTotp();
        browser.signOut();
        PortalClient audit = new PortalClient(deploymentUrl);
        long passwordsAccepted = audit.auditCount(username, "PASSWORD_ACCEPTED");

        signInWithPassword();
        assertEquals(passwordsAccepted + 1, audit.auditCount(username, "PASSWORD_ACCEPTED"));
        browser.driver().navigate().refresh();

        assertEquals("/mfa/authenticate", browser.path());
        assertTrue(browser.has("#secondFactor\\:code"));
        assertEquals(passwordsAccepted + 1, audit.auditCount(username, "PASSWORD_ACCEPTED"), "the reload did not send the password again");
        enterCode(enrolment.codeForStepsAhead(1));
        assertEquals("/", browser.path(), "the pending sign-in survived the reload");
        assertTrue(browser.has("#greeting"));
        browser.signOut();

        signInWithPassword();
        browser.driver().navigate().back();
        assertTrue(browser.path().startsWith("/login"), browser.path());
        assertTrue(browser.has("#login\\:username"));
        assertFalse(browser.showsStackTrace());
    }

    /** A form posted without PrimeFaces' script (no CSP nonce) is redirected to the second-factor page, as before. */
    @Test
    void passwordPostedWithoutScriptIsRedirectedToTheSecondFactorPage() {
        Enrolment enrolment = signInAndEnrolTotp();
        browser.signOut();
        PortalClient withoutScript = new PortalClient(deploymentUrl);

        PortalClient.Answer afterPassword = withoutScript.signInWithoutScript(username, TestSupportServlet.PASSWORD);

        assertEquals(200, afterPassword.status());
        assertEquals("/mfa/authenticate", afterPassword.path(), "followed a redirect, never an error page");
        assertTrue(afterPassword.body().contains("id=\"secondFactor\""));
        PortalClient.Answer afterCode = withoutScript.submitForm("/mfa/authenticate", "secondFactor",
                java.util.Map.of("code", enrolment.codeForStepsAhead(1)), "verify");
        assertEquals("/", afterCode.path());
        assertTrue(afterCode.body().contains("id=\"greeting\""));
    }

    @Test
    void noProtectedPageIsReachableBetweenPasswordAndSecondFactor() {
        signInAndEnrolTotp();
        browser.signOut();
        signInWithPassword();

        for (String page : List.of("/", "/account/security/totp", "/account/security/recovery-codes", "/admin/")) {
            browser.open(page);
            assertEquals("/mfa/authenticate", browser.path(), page);
            assertFalse(browser.has("#greeting") || browser.has("#totpEnrolled"), page);
        }
    }

    @Test
    void badInputGetsAClearMessageNeverAnError() {
        signInAndEnrolTotp();
        browser.signOut();
        signInWithPassword();

        enterCode("");
        assertTrue(browser.text("#secondFactor").contains("Please enter a code."));

        // four, so that the limit of five wrong codes is not reached
        for (String bad : List.of("abcdef", "１２３４５６", "٣٣٣٣٣٣", "1234567890123456789012345678901234567890")) {
            enterCode(bad);
            assertEquals("/mfa/authenticate", browser.path(), bad);
            assertTrue(browser.text("#secondFactor").contains("That code did not work"), bad);
            assertFalse(browser.showsStackTrace(), bad);
        }
        assertTrue(browser.text("#secondFactor").contains("1 attempt left"), "empty input is not counted");
    }

    @Test
    void fiveWrongCodesSendTheUserBackToThePassword() {
        Enrolment enrolment = signInAndEnrolTotp();
        browser.signOut();
        signInWithPassword();
        String wrong = enrolment.codeForStepsAhead(0).equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt <= 5; attempt++) {
            enterCode(wrong);
        }

        assertEquals("/login?notice=too-many-codes", browser.path());
        browser.open("/mfa/authenticate");
        assertEquals("/login?notice=expired", browser.path());
    }

    @Test
    void cancelEndsThePendingSignIn() {
        signInAndEnrolTotp();
        browser.signOut();
        signInWithPassword();

        browser.submitWith("#secondFactor\\:cancel");

        assertEquals("/login?notice=cancelled", browser.path());
        browser.open("/");
        assertEquals("/login", browser.path());
    }

    @Test
    void secondFactorPageWithoutPendingSignInGoesToLogin() {
        browser.open("/mfa/authenticate");

        assertEquals("/login?notice=expired", browser.path());
    }

    @Test
    void removingTheOnlyFactorTurnsMfaOffAndRemovesRecoveryCodes() {
        signInAndEnrolTotp();
        browser.open("/account/security/totp");

        browser.submitConfirmed("#removeTotp\\:remove");

        assertTrue(browser.has("#totpSecret"), "offers a new enrolment");
        browser.open("/account/security/recovery-codes");
        assertTrue(browser.has("#recoveryNeedsFactor"));
        browser.signOut();
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/", browser.path(), "password alone again");
    }

    @Test
    void regeneratedRecoveryCodesReplaceTheOldOnes() {
        Enrolment enrolment = signInAndEnrolTotp();
        browser.open("/account/security/recovery-codes");
        assertTrue(browser.text("#recoveryUnusedCount").contains("10 unused"));

        browser.submitConfirmed("#regenerate\\:regenerateButton");
        List<String> fresh = browser.driver().findElements(By.cssSelector(".recovery-code")).stream().map(WebElement::getText).toList();
        assertEquals(10, fresh.size());
        browser.signOut();

        signInWithPassword();
        enterCode(enrolment.recoveryCodes().get(0));
        assertEquals("/mfa/authenticate", browser.path(), "old code refused");
        enterCode(fresh.get(0));
        assertEquals("/", browser.path());
    }
}
