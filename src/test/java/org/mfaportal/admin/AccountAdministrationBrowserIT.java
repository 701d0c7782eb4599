package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.testing.AdminAndMemberBrowsers;
import org.mfaportal.testing.Browser;
import org.mfaportal.testing.TestSupportServlet;

/**
 * An IT admin invites a new user from the admin page; the invitation e-mail (received by GreenMail in this JVM, where the
 * test server's mail session sends) carries the only way in; disabling an account keeps its owner out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountAdministrationBrowserIT extends AdminAndMemberBrowsers {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://[^/\\s]+(/\\S*invitation\\?token=[A-Za-z0-9_-]+)");
    private static final String ADMIN_USERNAME = org.mfaportal.testing.TestAccounts.ADMIN.username();
    private static final String NEW_PASSWORD = "correct horse battery staple 42";

    private GreenMail smtp;

    @BeforeEach
    void startSmtpServer() {
        smtp = new GreenMail(new ServerSetup(Integer.getInteger("test.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtpServer() {
        smtp.stop();
    }

    private void requireMfa(String groupName, int graceDays) {
        post("/test-support/policy?group=" + groupName + "&required=true&grace=" + graceDays + "&factors=TOTP,SECURITY_KEY,PASSKEY,RECOVERY_CODE");
    }

    private void post(String path) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Browser.localhost(deploymentUrl) + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, response.statusCode(), path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The path and query of the invitation link in the newest mail to {@code address}. */
    private String invitationLinkSentTo(String address) throws Exception {
        MimeMessage mail = null;
        for (int waited = 0; waited < 150 && mail == null; waited++) {
            mail = Arrays.stream(smtp.getReceivedMessages()).filter(message -> sentTo(message, address)).reduce((first, second) -> second).orElse(null);
            if (mail == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(mail != null, "an invitation was mailed to " + address);
        assertTrue(mail.getSubject().contains("choose your password"), mail.getSubject());
        Matcher link = INVITATION_LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertTrue(link.find(), GreenMailUtil.getBody(mail));
        return link.group(1);
    }

    /** Whether a mail to {@code address} whose subject contains {@code subject} arrives within 15 s. */
    private boolean mailTo(String address, String subject) throws InterruptedException {
        for (int waited = 0; waited < 150; waited++) {
            boolean arrived = Arrays.stream(smtp.getReceivedMessages()).anyMatch(message -> sentTo(message, address) && subjectOf(message).contains(subject));
            if (arrived) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(recipient -> recipient.toString().contains(address));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    /** The admin's page of a user, found through the user list's search. */
    private void openUserPage(String username) {
        admin.open("/admin/users?text=" + username);
        admin.submitWith("#users\\:table a[href*='/admin/user?id=']");
        assertTrue(admin.text("#adminUserName").contains(username));
    }

    @Test
    void anInvitedUserChoosesAPasswordOnceAndIsHeldToEnrolmentByTheirGroupsPolicy() throws Exception {
        requireMfa(group, 14);
        String username = "new-" + UUID.randomUUID().toString().substring(0, 8);
        String address = username + "@example.test";

        admin.open("/admin/users");
        admin.type("#newUser\\:username", username.toUpperCase());
        admin.type("#newUser\\:displayName", "Nina New");
        admin.type("#newUser\\:email", address);
        admin.type("#newUser\\:otherGroups", group);
        admin.submitWith("#newUser\\:create");
        assertTrue(admin.path().startsWith("/admin/user?id="), admin.path());
        assertTrue(admin.text("#pageMessages").contains("invitation sent to " + address), admin.text("#pageMessages"));
        assertTrue(admin.text("#invitationNotice").contains("Invitation pending"));

        String link = invitationLinkSentTo(address);
        member.open(link.substring(link.indexOf("/invitation")));
        assertTrue(member.text("#invitationWelcome").contains("Nina New"));
        member.type("#invitation\\:password", "too short");
        member.type("#invitation\\:confirmation", "too short");
        member.submitWith("#invitation\\:setPassword");
        assertTrue(member.text("#invitation").contains("at least"), "the policy's reason next to the field: " + member.text("#invitation"));
        member.type("#invitation\\:password", NEW_PASSWORD);
        member.type("#invitation\\:confirmation", NEW_PASSWORD);
        member.submitWith("#invitation\\:setPassword");
        assertEquals("/login?notice=invitation-accepted", member.path());
        assertTrue(member.text("#loginNotice").contains("Your password is set"));

        member.open(link.substring(link.indexOf("/invitation")));
        assertTrue(member.has("#invitationInvalid"), "the link works once");
        assertFalse(member.has("#invitation\\:password"));

        member.open("/login");
        member.signIn(username, NEW_PASSWORD);
        member.open("/");
        assertEquals("/account/security/", member.path(), "a new user in an MFA group enrols first, grace periods are for existing users");
        member.enrolAuthenticatorApp();
        member.open("/");
        assertEquals("/", member.path());
        assertTrue(member.has("#greeting"));
    }

    @Test
    void aBrokenOrForgedInvitationLinkExplainsItselfWithoutAnError() {
        for (String path : new String[] {"/invitation", "/invitation?token=", "/invitation?token=" + "A".repeat(43), "/invitation?token=%27%3E%3Cscript%3E"}) {
            member.open(path);
            assertTrue(member.has("#invitationInvalid"), path);
            assertFalse(member.showsStackTrace(), path);
        }
    }

    @Test
    void disablingEndsTheUsersOpenSessionAtItsNextRequest() {
        String username = member.newAccount();
        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/", member.path());

        openUserPage(username);
        admin.submitConfirmed("#actions\\:disable");

        member.open("/account/security/");
        assertEquals("/login?notice=session-ended", member.path(), "signed out on this node's next request (the sessions branch)");
        assertFalse(member.showsStackTrace());
    }

    @Test
    void aDisabledUserCanNoLongerSignInUntilEnabledAgain() throws Exception {
        String username = member.newAccountWithEmail();

        openUserPage(username);
        admin.submitConfirmed("#actions\\:disable");
        assertTrue(mailTo(username + "@example.test", "your account was disabled"), "the user is told");
        assertTrue(admin.text("#accountState").contains("by " + ADMIN_USERNAME), admin.text("#accountState"));
        admin.open("/admin/users?enrolment=DISABLED&text=" + username);
        assertTrue(admin.text("#users\\:table").contains(username));

        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/login", member.path());
        assertTrue(member.text("#login\\:messages").contains("The username or password is incorrect."), "the same message as a wrong password");

        openUserPage(username);
        admin.submitConfirmed("#actions\\:enable");
        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/", member.path());
    }
}
