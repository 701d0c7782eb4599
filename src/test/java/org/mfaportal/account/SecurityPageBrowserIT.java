package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
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
import org.openqa.selenium.Cookie;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;

/** The security page, reauthentication and trusted browsers, as a person uses them, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityPageBrowserIT {

    private static final Totp APP = Totp.defaults();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;
    private String username;
    private byte[] secret;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(deploymentUrl);
        username = browser.newAccount();
    }

    @AfterEach
    void closeBrowser() {
        browser.resetServerClock();
        browser.close();
    }

    private void signInWithPassword(Browser in) {
        in.open("/login");
        in.signIn(username, TestSupportServlet.PASSWORD);
    }

    private void enrolTotp() {
        secret = browser.enrolAuthenticatorApp();
    }

    /** The enrolment took the current time step's code, and a code is accepted only once: sign in with the next one. */
    private String nextCode() {
        return APP.codeAt(secret, Instant.now().plusSeconds(APP.periodSeconds()));
    }

    private void passSecondFactor(Browser in, boolean trustThisBrowser) {
        assertEquals("/mfa/authenticate", in.path());
        in.type("#secondFactor\\:code", nextCode());
        if (trustThisBrowser) {
            in.find("#secondFactor\\:trustBrowser").click();
        }
        in.submitWith("#secondFactor\\:verify");
        assertEquals("/", in.path());
    }

    @Test
    void overviewShowsWhatToDoWithoutFactorsAndTheFactorsOnceAdded() {
        signInWithPassword(browser);
        browser.open("/account/security/");
        assertTrue(browser.text("#status").contains("Two-step sign-in is off."));
        assertTrue(browser.has("#noFactors"));
        assertTrue(browser.has("#noRecoveryCodes"));
        assertTrue(browser.has("#noTrustedBrowsers"));

        enrolTotp();
        browser.open("/account/security/");

        assertTrue(browser.text("#status").contains("Two-step sign-in is on."));
        assertTrue(browser.text("#factors").contains("Authenticator app"));
        assertTrue(browser.text("#recoveryCodesLeft").contains("10 unused recovery codes"));
        assertTrue(browser.text("#activity").contains("Factor added"));
        assertTrue(browser.text("#activity").contains("Recovery codes generated"));
    }

    @Test
    void changingFactorsAfterTheTimeoutAsksToConfirmAndComesBack() {
        signInWithPassword(browser);
        browser.advanceServerClock(Duration.ofMinutes(6));

        browser.open("/account/security/totp");
        assertTrue(browser.path().startsWith("/account/reauthenticate?continue="), browser.path());

        browser.type("#reauth\\:password", "wrong password");
        browser.submitWith("#reauth\\:confirmPassword");
        assertTrue(browser.text("#reauth").contains("That did not match."));

        browser.type("#reauth\\:password", TestSupportServlet.PASSWORD);
        browser.submitWith("#reauth\\:confirmPassword");
        assertEquals("/account/security/totp", browser.path());
        assertTrue(browser.has("#totpSecret"));
    }

    @Test
    void securityKeyCanConfirmItsYou() {
        browser.addVirtualAuthenticator(false);
        signInWithPassword(browser);
        browser.open("/account/security/webauthn");
        browser.type("#keyName", "Desk key");
        browser.runCeremonyWith("#addKey");
        browser.advanceServerClock(Duration.ofMinutes(6));

        browser.open("/account/security/webauthn");
        assertTrue(browser.path().startsWith("/account/reauthenticate"), browser.path());
        browser.runCeremonyWith("#reauthWithKey");

        assertEquals("/account/security/webauthn", browser.path());
        assertTrue(browser.has("#keys\\:keyTable"));
    }

    @Test
    void trustedBrowserSkipsTheCodeButAFreshBrowserDoesNot() {
        signInWithPassword(browser);
        enrolTotp();
        browser.signOut();
        signInWithPassword(browser);
        passSecondFactor(browser, true);
        // outside dev mode both cookies are Secure, HttpOnly and SameSite=Lax (Chromium keeps Secure cookies on http://localhost)
        for (String name : List.of("mfa_trusted_browser", "JSESSIONID")) {
            Cookie cookie = browser.driver().manage().getCookieNamed(name);
            assertTrue(cookie.isSecure() && cookie.isHttpOnly() && "Lax".equals(cookie.getSameSite()), cookie.toString());
        }
        browser.signOut();

        signInWithPassword(browser);
        assertEquals("/", browser.path(), "trusted: password only");
        browser.open("/account/security/");
        assertTrue(browser.text("#trust\\:browsers").contains("Chrome on Linux"));

        try (Browser fresh = Browser.open(deploymentUrl)) {
            signInWithPassword(fresh);
            assertEquals("/mfa/authenticate", fresh.path(), "another browser still needs the second factor");
        }
    }

    @Test
    void revokingTrustBringsTheCodePromptBack() {
        signInWithPassword(browser);
        enrolTotp();
        browser.signOut();
        signInWithPassword(browser);
        passSecondFactor(browser, true);
        browser.open("/account/security/");

        browser.submitWith("#trust\\:revokeAll");
        assertTrue(browser.has("#noTrustedBrowsers"));
        browser.signOut();

        signInWithPassword(browser);
        assertEquals("/mfa/authenticate", browser.path());
    }

    @Test
    void addingAFactorRevokesTrust() {
        browser.addVirtualAuthenticator(false);
        signInWithPassword(browser);
        enrolTotp();
        browser.signOut();
        signInWithPassword(browser);
        passSecondFactor(browser, true);

        browser.open("/account/security/webauthn");
        browser.type("#keyName", "New key");
        browser.runCeremonyWith("#addKey");
        assertEquals("/account/security/webauthn", browser.path());
        browser.signOut();

        signInWithPassword(browser);
        assertEquals("/mfa/authenticate", browser.path());
    }
}
