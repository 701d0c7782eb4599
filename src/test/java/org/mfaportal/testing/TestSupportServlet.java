package org.mfaportal.testing;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.mfaportal.account.UserAccountService;

/**
 * Test deployments only: creates a fresh account per browser test, so tests never share factors or codes.
 * Answers with the username; the password is {@link #PASSWORD}.
 */
@WebServlet("/test-support/new-account")
public class TestSupportServlet extends HttpServlet {

    public static final String PASSWORD = "browser-test-password";

    @Inject
    UserAccountService accounts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = "it-" + UUID.randomUUID().toString().substring(0, 13);
        String group = request.getParameter("group");
        accounts.create(username, "Test " + username, null, PASSWORD.toCharArray(), group == null ? Set.of() : Set.of(group));
        response.setContentType("text/plain");
        response.getWriter().write(username);
    }
}
