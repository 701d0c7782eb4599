package org.mfaportal.mfa.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;

/**
 * With MFA_TOTP_ALGORITHM=SHA256 and MFA_TOTP_DIGITS=8 the pages speak of the user's own app: the key typed by hand
 * comes with its parameters, and the code page asks for 8 digits.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TotpParametersBrowserIT {

    private static final Totp APP = new Totp(HmacAlgorithm.SHA256, 8, 30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war()
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config-totp-sha256-8.jar")
                        .addAsManifestResource("config-totp-sha256-8/microprofile-config.properties", "microprofile-config.properties"));
    }

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(deploymentUrl);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aKeyTypedByHandComesWithItsParametersAndTheCodePageAsksForItsDigits() {
        String username = browser.newAccount();
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        browser.open("/account/security/totp");

        assertEquals("Also choose these settings in the app: algorithm SHA256, 8 digits, a new code every 30 seconds.",
                browser.text("#totpParameters"));
        byte[] secret = Base32.decode(browser.text("#totpSecret"));
        browser.type("#totp\\:code", APP.codeAt(secret, Instant.now()));
        browser.submitWith("#totp\\:confirm");
        browser.signOut();

        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/mfa/authenticate", browser.path());
        assertEquals("Enter the 8-digit code from your authenticator app, or one of your recovery codes.", browser.text("#codeHint"));
        browser.type("#secondFactor\\:code", APP.codeAt(secret, Instant.now().plusSeconds(30)));
        browser.submitWith("#secondFactor\\:verify");
        assertEquals("/", browser.path());
        assertTrue(browser.has("#greeting"));
    }
}
