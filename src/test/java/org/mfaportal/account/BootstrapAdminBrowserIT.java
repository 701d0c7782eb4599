package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.PortalDeployment;

/**
 * The bootstrap admin signs in with the operator's password and is held first to choosing their own password, then to
 * enrolling a second factor, before any other page (the admin pages included) opens.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BootstrapAdminBrowserIT {

    private static final String OPERATOR_PASSWORD = "operator set this one";
    private static final String OWN_PASSWORD = "my own admin passphrase 2026";

    @ArquillianResource
    URL deploymentUrl;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(BootstrapSupportServlet.class);
    }

    private String bootstrapAdmin() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Browser.localhost(deploymentUrl)
                    + "/test-support/bootstrap-admin?password=" + URLEncoder.encode(OPERATOR_PASSWORD, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theBootstrapAdminSetsTheirOwnPasswordThenEnrolsBeforeAnythingElse() {
        String username = bootstrapAdmin();
        try (Browser browser = Browser.open(deploymentUrl)) {
            browser.open("/login");
            browser.signIn(username, OPERATOR_PASSWORD);
            for (String page : List.of("/", "/admin/users", "/account/security/", "/account/security/totp", "/account/security/../../admin/")) {
                browser.open(page);
                assertEquals("/account/security/password", browser.path(), page);
            }

            browser.type("#password\\:current", OPERATOR_PASSWORD);
            browser.type("#password\\:new", OWN_PASSWORD);
            browser.type("#password\\:confirmation", OWN_PASSWORD);
            browser.submitWith("#password\\:change");

            for (String page : List.of("/", "/admin/users")) {
                browser.open(page);
                assertEquals("/account/security/", browser.path(), "then held to enrolment: " + page);
            }
            browser.enrolAuthenticatorApp();
            browser.open("/admin/users");
            assertEquals("/admin/users", browser.path(), "with their own password and a factor the admin pages open");
        }
    }
}
