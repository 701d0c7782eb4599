package org.mfaportal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URL;
import java.time.Instant;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.Axe;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;

/**
 * "Sign in with Corp ID" in Chromium, through the provider's own login page (mock-oauth2-server with its interactive
 * login: the person types a name and the claims their sign-in there carries).
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class IdentityProviderBrowserIT {

    private static MockOAuth2Server provider;

    @ArquillianResource
    URL deploymentUrl;

    private Browser browser;
    private String username;
    private byte[] appSecret;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war()
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "config-oidc.jar")
                        .addAsManifestResource("config-oidc/microprofile-config.properties", "microprofile-config.properties"));
    }

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(InetAddress.getByName("127.0.0.1"), Integer.getInteger("test.oidc.port"));
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    /** A user with an authenticator app, signed out again. */
    @BeforeEach
    void userWithAnAuthenticatorApp() {
        browser = Browser.open(deploymentUrl);
        username = browser.newAccount();
        browser.open("/login");
        browser.signIn(username, TestSupportServlet.PASSWORD);
        appSecret = browser.enrolAuthenticatorApp();
        browser.signOut();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void signInAtTheProvider(String amrJson) {
        browser.open("/login");
        assertEquals("Sign in with Corp ID", browser.text("#signInWithIdentityProvider"));
        browser.submitWith("#signInWithIdentityProvider");
        assertTrue(browser.driver().getCurrentUrl().startsWith(provider.authorizationEndpointUrl("corp").toString()),
                browser.driver().getCurrentUrl());
        browser.type("input[name=username]", "corp-" + username);
        browser.type("textarea[name=claims]", "{\"preferred_username\": \"" + username + "\", \"amr\": " + amrJson + "}");
        browser.submitWith("input[type=submit]");
    }

    @Test
    void aPasswordAtTheProviderIsFollowedByThePortalsOwnSecondFactor() {
        Axe axe = new Axe();
        browser.open("/login");
        axe.check(browser, "/login with the identity provider's button");

        signInAtTheProvider("[\"pwd\"]");

        assertEquals("/mfa/authenticate", browser.path());
        axe.check(browser, "/mfa/authenticate after the identity provider");
        browser.type("#secondFactor\\:code", Totp.defaults().codeAt(appSecret, Instant.now().plusSeconds(30)));
        browser.submitWith("#secondFactor\\:verify");
        assertEquals("/", browser.path());
        assertFalse(browser.showsStackTrace());
        assertTrue(axe.violations().isEmpty(), axe.report());
    }

    @Test
    void theProvidersTrustedMultiFactorSignInNeedsNoSecondFactorHere() {
        signInAtTheProvider("[\"mfa\", \"hwk\"]");

        assertEquals("/", browser.path(), "the default policy allows security keys; hwk is configured as one");

        browser.signOut();
        assertEquals("/login?notice=signed-out-here", browser.path());
        Axe axe = new Axe();
        axe.check(browser, "/login after signing out of the portal only");
        assertTrue(axe.violations().isEmpty(), axe.report());
        browser.submitWith("#providerSignOut");
        assertTrue(browser.driver().getCurrentUrl().startsWith(provider.endSessionEndpointUrl("corp").toString())
                || browser.path().startsWith("/login?notice=signed-out"), browser.driver().getCurrentUrl());
    }
}
