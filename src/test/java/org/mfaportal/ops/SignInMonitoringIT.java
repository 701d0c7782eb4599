package org.mfaportal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfaportal.auth.SignInMethod;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.testing.PortalClient;
import org.mfaportal.testing.PortalDeployment;
import org.mfaportal.testing.TestSupportServlet;

/**
 * What operators see of sign-ins: the meters on WildFly's /metrics (Prometheus format) move by exactly what happened,
 * and the audit trail reaches its own log file as one JSON object per line.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInMonitoringIT {

    private static final String PASSWORD = TestSupportServlet.PASSWORD;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return PortalDeployment.war().addClass(OpsTestSupportServlet.class);
    }

    @ArquillianResource
    URL deploymentUrl;

    private PortalClient browser() {
        return new PortalClient(deploymentUrl);
    }

    private static byte[] enrolAuthenticatorApp(PortalClient client, String username) {
        return Base32.decode(client.post("/test-support/ops/totp?username=" + username).body());
    }

    private static String currentCode(byte[] secret) {
        return Totp.defaults().codeAt(secret, Instant.now());
    }

    /** A well-formed code that matches none of the steps the server accepts now. */
    private static String wrongCode(byte[] secret) {
        Totp totp = Totp.defaults();
        List<String> accepted = List.of(-1, 0, 1).stream()
                .map(step -> totp.codeAt(secret, Instant.now().plusSeconds(30L * step))).toList();
        int candidate = Integer.parseInt(accepted.get(1));
        String code;
        do {
            candidate = (candidate + 1) % 1_000_000;
            code = String.format("%06d", candidate);
        } while (accepted.contains(code));
        return code;
    }

    private static PortalClient.Answer enterCode(PortalClient client, String code) {
        return client.submitForm("/mfa/authenticate", "secondFactor", Map.of("code", code), "verify");
    }

    private static double signIns(PrometheusScrape scrape, String outcome, String factor) {
        return scrape.value("mfa_sign_ins_total", "outcome", outcome, "factor", factor);
    }

    private static double gauge(String name) {
        return PrometheusScrape.now().value(name);
    }

    @Test
    void metersCountEverySignInOutcomeSecondFactorFailureLockoutAndMailFailure() throws InterruptedException {
        PrometheusScrape before = PrometheusScrape.now();

        // a password-only sign-in: one more success "password" and one more signed-in session
        PortalClient alice = browser();
        String aliceName = alice.newAccount();
        double sessions = gauge("mfa_active_sessions");
        double hashes = gauge("mfa_slow_hashes");
        double hashingCpuSeconds = gauge("mfa_slow_hash_cpu_seconds");
        assertFalse(alice.signIn(aliceName, PASSWORD).path().startsWith("/login"));
        assertEquals(sessions + 1, gauge("mfa_active_sessions"), "the signed-in session is counted");
        assertTrue(gauge("mfa_slow_hashes") >= hashes + 1, "the password check is counted among the slow hashes");
        assertTrue(gauge("mfa_slow_hash_cpu_seconds") > hashingCpuSeconds, "and so is its CPU time");
        assertEquals(0, gauge("mfa_slow_hashes_waiting"), "no request waits for a core once the sign-in is done");

        // a wrong password
        assertTrue(browser().signIn(aliceName, "not-the-password").path().startsWith("/login"));

        // an authenticator app: pending while the code is awaited, one wrong code, then the right one. The user has an
        // e-mail address and no mail server listens: the mail about the new factor fails
        PortalClient bob = browser();
        String bobName = bob.post("/test-support/new-account?email=true").body();
        byte[] bobSecret = enrolAuthenticatorApp(bob, bobName);
        double pending = gauge("mfa_pending_sign_ins");
        assertEquals("/mfa/authenticate", bob.signIn(bobName, PASSWORD).path());
        assertEquals(pending + 1, gauge("mfa_pending_sign_ins"), "the sign-in waiting for its code is counted");
        assertEquals("/mfa/authenticate", enterCode(bob, wrongCode(bobSecret)).path());
        sessions = gauge("mfa_active_sessions");
        assertFalse(enterCode(bob, currentCode(bobSecret)).path().startsWith("/mfa"));
        assertEquals(pending, gauge("mfa_pending_sign_ins"), "a completed sign-in is no longer pending");
        assertEquals(sessions + 1, gauge("mfa_active_sessions"));

        // ten wrong codes in a row over two sign-ins: the first ends after five, the tenth locks the account
        PortalClient carol = browser();
        String carolName = carol.newAccount();
        byte[] carolSecret = enrolAuthenticatorApp(carol, carolName);
        for (int signIn = 0; signIn < 2; signIn++) {
            assertEquals("/mfa/authenticate", carol.signIn(carolName, PASSWORD).path());
            for (int code = 0; code < 5; code++) {
                enterCode(carol, wrongCode(carolSecret));
            }
        }
        assertTrue(carol.signIn(carolName, PASSWORD).path().startsWith("/login"), "the locked account is refused");

        long mailsNotSent = waitFor(() -> carol.auditCount(bobName, "NOTIFICATION_FAILED"));
        PrometheusScrape after = PrometheusScrape.now();
        assertEquals(1, signIns(after, "success", "password") - signIns(before, "success", "password"));
        assertEquals(1, signIns(after, "success", "totp") - signIns(before, "success", "totp"));
        assertEquals(0, signIns(after, "success", "passkey") - signIns(before, "success", "passkey"));
        assertEquals(1, signIns(after, "password_rejected", "password") - signIns(before, "password_rejected", "password"));
        assertEquals(1, signIns(after, "second_factor_exhausted", "second_factor") - signIns(before, "second_factor_exhausted", "second_factor"));
        assertEquals(1, signIns(after, "locked", "second_factor") - signIns(before, "locked", "second_factor"));
        assertEquals(1, signIns(after, "refused_locked", "password") - signIns(before, "refused_locked", "password"));
        assertEquals(11, after.value("mfa_second_factor_failures_total") - before.value("mfa_second_factor_failures_total"));
        assertEquals(1, after.value("mfa_lockouts_total") - before.value("mfa_lockouts_total"));
        assertTrue(mailsNotSent >= 1, "the mail about the new factor could not be sent");
        assertEquals(mailsNotSent, after.value("mfa_email_failures_total") - before.value("mfa_email_failures_total"));
    }

    /** The value once it is above zero (mails go out asynchronously), or zero after a minute. */
    private static long waitFor(java.util.function.LongSupplier count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        long value = count.getAsLong();
        while (value == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250); // the interval between polls of the condition
            value = count.getAsLong();
        }
        return value;
    }

    @Test
    void theAuditTrailLogHasOneJsonObjectPerLineThatNoTypedValueCanBreak() throws IOException {
        PortalClient dave = browser();
        String daveName = dave.newAccount();
        Instant started = Instant.now().minusSeconds(1);
        dave.signIn(daveName, PASSWORD);
        String hostile = "eve\"}\n{\"type\":\"FORGED\",\"subject\":\"admin\"}\r\n\\ {0} %s \u2028 " + java.util.UUID.randomUUID();
        browser().signIn(hostile, "whatever");

        List<JsonObject> lines = Files.readAllLines(Path.of(System.getProperty("test.server.log.dir"), "audit-trail.log"), StandardCharsets.UTF_8)
                .stream().map(line -> Json.createReader(new StringReader(line)).readObject()).toList();

        assertTrue(lines.stream().noneMatch(line -> line.getString("type").equals("FORGED")), "no line was forged");
        List<JsonObject> daves = lines.stream().filter(line -> daveName.equals(line.getString("subject", null))).toList();
        assertEquals(List.of("PASSWORD_ACCEPTED", "SIGN_IN_COMPLETED"), daves.stream().map(line -> line.getString("type")).toList());
        JsonObject completed = daves.get(1);
        assertEquals(SignInMethod.PASSWORD.auditDetail(), completed.getString("detail"));
        assertEquals(daveName, completed.getString("actor"));
        assertFalse(completed.getString("ip").isBlank());
        assertFalse(completed.getString("userAgent").isBlank());
        assertTrue(completed.getString("time").endsWith("Z"), "UTC: " + completed.getString("time"));
        assertFalse(Instant.parse(completed.getString("time")).isBefore(started));

        List<JsonObject> rejected = lines.stream().filter(line -> hostile.equals(line.getString("subject", null))).toList();
        assertEquals(1, rejected.size(), "the hostile username arrives intact, in one line");
        assertEquals("PASSWORD_REJECTED", rejected.get(0).getString("type"));
    }
}
