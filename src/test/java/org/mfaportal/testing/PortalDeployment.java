package org.mfaportal.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced (what operators deploy), plus the test accounts and a web fragment that lets Arquillian
 * reach its runner servlet: tests run against the real artifact.
 */
public final class PortalDeployment {

    private PortalDeployment() {
    }

    public static WebArchive war() {
        return war("mfa-portal.war");
    }

    /** The same archive under another name, for tests that deploy variants of it side by side in one class. */
    public static WebArchive war(String archiveName) {
        File war = new File(System.getProperty("portal.war", "target/mfa-portal.war"));
        return ShrinkWrap.create(ZipImporter.class, archiveName)
                .importFrom(war)
                .as(WebArchive.class)
                .addClasses(TestAccounts.class, TestAccounts.Account.class, TestSupportServlet.class, TestClock.class)
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "arquillian-runner-open.jar")
                        .addAsManifestResource("arquillian-runner/web-fragment.xml", "web-fragment.xml"));
    }
}
