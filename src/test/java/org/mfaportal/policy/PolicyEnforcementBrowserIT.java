package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.AdminAndMemberBrowsers;
import org.mfaportal.testing.TestSupportServlet;

/** An admin requires MFA for a group; its members are nudged during the grace period and held to setup after it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PolicyEnforcementBrowserIT extends AdminAndMemberBrowsers {

    private void requireMfaFor(String groupName, int graceDays) {
        admin.open("/admin/policies");
        admin.type("#policy\\:group", groupName);
        admin.find("#policy\\:required").click();
        admin.type("#policy\\:grace", Integer.toString(graceDays));
        admin.submitWith("#policy\\:save");
        assertTrue(admin.text("#policies").contains(groupName + " Yes " + graceDays), admin.text("#policies"));
    }

    @Test
    void withZeroGraceAMemberCanOnlyReachSetupUntilEnrolled() {
        requireMfaFor(group, 0);
        String username = member.newAccount(group);

        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        for (String page : List.of("/", "/index.xhtml", "/account/security/recovery-codes/../../../")) {
            member.open(page);
            assertEquals("/account/security/", member.path(), page);
        }
        assertTrue(member.text("#enrolmentBanner").contains("the deadline"));

        member.enrolAuthenticatorApp();
        member.open("/");

        assertEquals("/", member.path(), "enrolled: the portal opens up");
        assertTrue(member.has("#greeting"));
    }

    @Test
    void duringTheGracePeriodMembersAreNudgedAndAfterItHeldToSetup() {
        requireMfaFor(group, 7);
        String username = member.newAccount(group);

        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/", member.path());
        assertTrue(member.text("#enrolmentBanner").contains("Set it up by"));
        member.signOut();

        member.advanceServerClock(Duration.ofDays(8));
        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        member.open("/");
        assertEquals("/account/security/", member.path());
    }

    @Test
    void membersOfOtherGroupsAreNotAffected() {
        requireMfaFor(group, 0);
        String outsider = member.newAccount("other-" + group);

        member.open("/login");
        member.signIn(outsider, TestSupportServlet.PASSWORD);

        assertEquals("/", member.path());
        assertTrue(member.has("#greeting"));
    }
}
