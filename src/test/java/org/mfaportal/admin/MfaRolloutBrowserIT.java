package org.mfaportal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.AdminAndMemberBrowsers;
import org.mfaportal.testing.TestSupportServlet;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An IT admin rolls MFA out to a department: allowed factors, exemptions, and watching compliance, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MfaRolloutBrowserIT extends AdminAndMemberBrowsers {

    private static final Totp APP = Totp.defaults();

    /** Sets the group's policy through the form: required, no grace; authenticator apps allowed or not. */
    private void requireMfaNow(boolean appsAllowed) {
        admin.open("/admin/policies");
        admin.type("#policy\\:group", group);
        admin.find("#policy\\:required").click();
        admin.type("#policy\\:grace", "0");
        if (!appsAllowed) {
            admin.find("label[for='policy:factors:0']").click();
        }
        admin.submitWith("#policy\\:save");
        assertTrue(admin.text("#policies").contains(group), admin.text("#policies"));
    }

    private byte[] memberSignsInAndEnrolsAnApp(String username) {
        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        byte[] secret = member.enrolAuthenticatorApp();
        member.signOut();
        return secret;
    }

    /**
     * Reads (or acts on) this test's group's row of a table, whose first cell starts with the group; again if
     * PrimeFaces re-renders the table meanwhile.
     */
    private <T> T rowOf(String table, Function<WebElement, T> read) {
        return new WebDriverWait(admin.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement row = d.findElements(By.cssSelector(table + " tbody tr")).stream()
                    .filter(tr -> tr.findElements(By.tagName("td")).get(0).getText().strip().startsWith(group)).findFirst().orElse(null);
            return row == null ? null : read.apply(row);
        });
    }

    /** Rows of the user list once its lazy table shows {@code expectedRows} rows. */
    private List<WebElement> userRows(int expectedRows) {
        return new WebDriverWait(admin.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#users\\:table tbody tr:not(.ui-datatable-empty-message)"));
            return rows.size() == expectedRows ? rows : null;
        });
    }

    private void openUserPage(String username) {
        admin.open("/admin/users?group=" + group);
        WebElement row = userRows(1).get(0);
        assertTrue(row.getText().contains(username));
        admin.open(row.findElement(By.linkText(username)).getAttribute("href").replaceFirst("^https?://[^/]+", ""));
    }

    @Test
    void aPolicyForAGroupWithoutMembersWarnsAndCanBeDeleted() {
        requireMfaNow(true);
        assertTrue(admin.text("#policy\\:messages").contains("No account is in group " + group + " yet"), admin.text("#policy\\:messages"));

        String delete = rowOf("#policies", row -> row.findElement(By.cssSelector("[id$=':delete']")).getAttribute("id"));
        admin.submitConfirmed("[id='" + delete + "']");
        assertTrue(admin.text("#policy\\:messages").contains("The policy of group " + group + " was deleted."), admin.text("#policy\\:messages"));
        assertFalse(admin.text("#policies").contains(group), "the group's policy is gone");
        assertTrue(admin.text("#policies").contains("Default"), "the default policy has no delete and stays");
    }

    @Test
    void aMemberWhoseAppIsNoLongerAllowedProvesItThenMustAddAnAllowedKey() {
        requireMfaNow(true);
        String username = member.newAccount(group);
        byte[] secret = memberSignsInAndEnrolsAnApp(username);
        requireMfaNow(false);
        admin.open("/admin/policies");
        String policy = rowOf("#policies", row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).collect(Collectors.joining(" ")));
        assertTrue(policy.contains("Security key, Passkey, Recovery codes") && !policy.contains("Authenticator app"), policy);
        rowOf("#policies", row -> {
            row.findElement(By.cssSelector("[id$=':edit']")).click();
            return true;
        });
        // Edit re-renders the form by AJAX: the field may be replaced between finding and reading it
        new WebDriverWait(admin.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> group.equals(d.findElement(By.id("policy:group")).getAttribute("value")));
        assertFalse(admin.find("#policy\\:factors\\:0").isSelected(), "Edit fills the form with the stored policy");
        assertTrue(admin.find("#policy\\:factors\\:1").isSelected());

        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        assertEquals("/mfa/authenticate", member.path(), "a password alone is never enough");
        member.type("#secondFactor\\:code", APP.codeAt(secret, Instant.now().plusSeconds(30)));
        member.submitWith("#secondFactor\\:verify");

        member.open("/");
        assertEquals("/account/security/", member.path(), "the app proves who it is, but opens only the setup pages");
        String banner = member.text("#enrolmentBanner");
        assertTrue(banner.contains("no longer allowed") && banner.contains("Allowed: Security key, Passkey"), banner);

        member.addVirtualAuthenticator(false);
        member.open("/account/security/webauthn");
        member.type("#keyName", "Desk key");
        member.runCeremonyWith("#addKey");
        member.open("/");
        assertEquals("/", member.path());
        assertFalse(member.has("#enrolmentBanner"));

        openUserPage(username);
        assertTrue(admin.text("#enrolmentState").contains("Enrolled"));
        assertTrue(admin.text("#policyFactors").contains("Security key, Passkey") && admin.text("#policyFactors").contains(group),
                admin.text("#policyFactors"));
        assertTrue(admin.text("#policyRequired").contains(group));
    }

    @Test
    void anExemptedMemberSignsInWithoutBeingHeldToSetupAndTheReasonIsRequired() {
        requireMfaNow(true);
        String username = member.newAccount(group);
        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        member.open("/");
        assertEquals("/account/security/", member.path(), "overdue at once");
        member.signOut();

        openUserPage(username);
        String nextWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
        admin.type("#exempt\\:until_input", nextWeek);
        admin.submitConfirmed("#exempt\\:exemptButton");
        assertFalse(admin.has("#exemptNotice"), "no reason, no exemption");
        assertTrue(admin.text("#exempt").contains("give a reason"), admin.text("#exempt"));

        assertEquals(nextWeek, admin.find("#exempt\\:until_input").getAttribute("value"), "the date is kept for the second try");
        admin.type("#exempt\\:reason", "Field trip without a phone");
        admin.submitConfirmed("#exempt\\:exemptButton");
        assertTrue(admin.has("#exemptNotice"), () -> admin.text("#exempt") + " / " + admin.text("#pageMessages"));
        assertTrue(admin.text("#exemptNotice").contains("Field trip without a phone"), admin.text("#exemptNotice"));
        assertTrue(admin.text("#enrolmentState").contains("Exempt"));

        member.open("/login");
        member.signIn(username, TestSupportServlet.PASSWORD);
        member.open("/");
        assertEquals("/", member.path());
        assertFalse(member.has("#enrolmentBanner"));
    }

    @Test
    void complianceShowsTheGroupAndLeadsToItsOverdueMembersWhoExportAsCsv() {
        requireMfaNow(true);
        String enrolled = member.newAccount(group);
        memberSignsInAndEnrolsAnApp(enrolled);
        String overdue = member.newAccount(group);

        admin.open("/admin/compliance");
        List<String> cells = rowOf("#compliance", row -> row.findElements(By.tagName("td")).stream().map(td -> td.getText().strip()).toList());
        assertEquals(List.of("2", "1", "0", "1", "0", "0", "50 %"), cells.subList(1, 8), cells.toString());
        assertTrue(admin.has("#chart canvas"), "the chart is drawn");
        assertFalse(admin.showsStackTrace());

        admin.open(rowOf("#compliance", row -> row.findElements(By.tagName("td")).get(4).findElement(By.tagName("a")).getAttribute("href"))
                .replaceFirst("^https?://[^/]+", ""));
        assertTrue(admin.path().startsWith("/admin/users"));
        assertTrue(userRows(1).get(0).getText().contains(overdue));

        admin.find("#users\\:export").click();
        String csv = admin.downloaded("users.csv");
        assertTrue(csv.startsWith("username,name,email,groups,state,deadline"), csv);
        assertTrue(csv.contains(overdue + ",") && csv.contains(",OVERDUE,"), csv);
        assertFalse(csv.contains(enrolled), "only the filtered users are exported");

        for (String tampered : List.of("/admin/users?enrolment=EVERYONE", "/admin/users?group=" + "x".repeat(5000), "/admin/user?id=not-a-number")) {
            admin.open(tampered);
            assertFalse(admin.showsStackTrace(), tampered);
            assertFalse(admin.has("#error-500"), tampered);
        }
    }
}
