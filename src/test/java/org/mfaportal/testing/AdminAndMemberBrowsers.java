package org.mfaportal.testing;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For browser tests of MFA roll-outs: an IT admin already signed in and a staff member, each in a fresh headless
 * Chromium, and a group name of the test's own (so policies set for it touch no other test). Subclasses add
 * {@code @ExtendWith(ArquillianExtension.class)} and {@code @RunAsClient}.
 */
public abstract class AdminAndMemberBrowsers {

    @ArquillianResource
    protected URL deploymentUrl;

    protected Browser admin;
    protected Browser member;
    protected String group;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return PortalDeployment.war();
    }

    @BeforeEach
    void openBrowsers() {
        group = "dept-" + UUID.randomUUID().toString().substring(0, 8);
        admin = Browser.open(deploymentUrl);
        member = Browser.open(deploymentUrl);
        admin.open("/login");
        admin.signIn(TestAccounts.ADMIN.username(), TestAccounts.ADMIN.password());
    }

    @AfterEach
    void closeBrowsers() {
        member.resetServerClock();
        member.close();
        admin.close();
    }
}
