package org.mfaportal.ops;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;

/**
 * Test deployments of the operations tests only. {@code POST /test-support/ops/totp?username=u} sets up an authenticator
 * app for the user (confirmed with the code of the previous time step, so the current one still signs in) and answers
 * its secret in Base32. {@code POST /test-support/ops/database-shutdown} shuts the embedded H2 database down
 * ({@code SHUTDOWN}): the engine closes and every connection the pool holds is dead.
 */
@WebServlet({"/test-support/ops/totp", "/test-support/ops/database-shutdown"})
public class OpsTestSupportServlet extends HttpServlet {

    @Inject
    UserAccountService accounts;

    @Inject
    TotpService totp;

    @Inject
    Clock clock;

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getServletPath().endsWith("/database-shutdown")) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                // the connection that shut the database down dies with it
            }
            return;
        }
        UserAccount user = accounts.findByUsername(request.getParameter("username")).orElseThrow();
        TotpEnrolment enrolment = totp.startEnrolment(user);
        String previousCode = enrolment.totp().codeAt(enrolment.secret(), clock.instant().minus(Duration.ofSeconds(enrolment.totp().periodSeconds())));
        totp.confirmEnrolment(user, enrolment, previousCode).orElseThrow();
        response.getWriter().write(Base32.encode(enrolment.secret()));
    }
}
