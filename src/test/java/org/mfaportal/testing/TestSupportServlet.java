package org.mfaportal.testing;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.policy.FactorKind;
import org.mfaportal.policy.PolicyRule;
import org.mfaportal.policy.PolicyService;

/**
 * Test deployments only: creates a fresh account per test (POST; answers with the username, the password is
 * {@link #PASSWORD}; {@code ?email=true} gives it the address username@example.test), so tests never share factors or codes; counts a user's audit events (GET); moves the server's
 * clock forward ({@code POST /test-support/clock?advance=PT10M}) or back to real time (without {@code advance}); sets
 * a group's policy ({@code POST /test-support/policy?group=g&required=true&grace=0&factors=TOTP,PASSKEY}, optionally
 * {@code &attestation=true&models=aaguid1,aaguid2}).
 */
@WebServlet({"/test-support/new-account", "/test-support/audit-count", "/test-support/clock", "/test-support/policy", "/test-support/fail"})
public class TestSupportServlet extends HttpServlet {

    public static final String PASSWORD = "browser-test-password";

    @Inject
    UserAccountService accounts;

    @PersistenceContext
    EntityManager em;

    /**
     * How many audit events of a type a user's account has: {@code ?username=...&type=...} (without username: events
     * of that type about no account). {@code /test-support/fail} fails like a bug would, for the 500 page.
     */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().endsWith("/fail")) {
            throw new IllegalStateException("a failure the test asked for");
        }
        String username = request.getParameter("username");
        Number count = (Number) (username == null
                ? em.createNativeQuery("select count(*) from audit_event where subject_username is null and event_type = ?1")
                : em.createNativeQuery("select count(*) from audit_event where event_type = ?1 and subject_username = ?2")
                        .setParameter(2, username))
                .setParameter(1, request.getParameter("type"))
                .getSingleResult();
        response.setContentType("text/plain");
        response.getWriter().write(Long.toString(count.longValue()));
    }

    @Inject
    TestClock clock;

    @Inject
    PolicyService policies;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().endsWith("/policy")) {
            String models = request.getParameter("models");
            policies.save(new PolicyRule(request.getParameter("group"), Boolean.parseBoolean(request.getParameter("required")),
                    Integer.parseInt(request.getParameter("grace")), 30, FactorKind.parse(request.getParameter("factors")), 10,
                    Boolean.parseBoolean(request.getParameter("attestation")), models == null || models.isBlank() ? Set.of() : Set.of(models.split(","))),
                    "it-admin");
            return;
        }
        if (request.getServletPath().endsWith("/clock")) {
            if (request.getParameter("advance") == null) {
                clock.reset();
            } else {
                clock.advance(Duration.parse(request.getParameter("advance")));
            }
            return;
        }
        String username = "it-" + UUID.randomUUID().toString().substring(0, 13);
        String group = request.getParameter("group");
        String email = Boolean.parseBoolean(request.getParameter("email")) ? username + "@example.test" : null;
        accounts.create(username, "Test " + username, email, PASSWORD.toCharArray(), group == null ? Set.of() : Set.of(group));
        response.setContentType("text/plain");
        response.getWriter().write(username);
    }
}
