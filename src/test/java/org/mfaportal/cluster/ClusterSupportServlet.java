package org.mfaportal.cluster;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;

/**
 * Only in the WAR the cluster check deploys (src/it/cluster/run.sh adds it): creates an account, with an enrolled
 * authenticator app when {@code ?totp=true}. Answers "username password" and, for an app, " secret timeStep" (Base32
 * secret, the time step its enrolment used).
 */
@WebServlet("/test-support/cluster/account")
public class ClusterSupportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PASSWORD = "cluster-check-password";

    @Inject
    UserAccountService accounts;

    @Inject
    TotpService totp;

    @Inject
    Clock clock;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = "cluster-" + UUID.randomUUID().toString().substring(0, 13);
        UserAccount user = accounts.create(username, "Cluster " + username, null, PASSWORD.toCharArray(), Set.of());
        StringBuilder answer = new StringBuilder(username).append(' ').append(PASSWORD);
        if (Boolean.parseBoolean(request.getParameter("totp"))) {
            TotpEnrolment enrolment = totp.startEnrolment(user);
            long step = enrolment.totp().timeStep(clock.instant());
            if (totp.confirmEnrolment(user, enrolment, enrolment.totp().codeAt(enrolment.secret(), step)).isEmpty()) {
                throw new IllegalStateException("enrolment refused its own code");
            }
            answer.append(' ').append(Base32.encode(enrolment.secret())).append(' ').append(step);
        }
        response.setContentType("text/plain");
        response.getWriter().write(answer.toString());
    }
}
