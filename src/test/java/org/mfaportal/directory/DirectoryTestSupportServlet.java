package org.mfaportal.directory;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.TreeSet;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;

/**
 * Directory test deployments only: a user's local record as {@code key=value} lines
 * ({@code GET /test-support/directory-account?username=...}), or {@code none}; runs the hourly directory check now
 * ({@code POST /test-support/directory-check}, answers how many users it found gone).
 */
@WebServlet({"/test-support/directory-account", "/test-support/directory-check"})
public class DirectoryTestSupportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    UserAccountService accounts;

    @Inject
    DirectoryCheck check;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(Integer.toString(check.checkActiveUsers()));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<UserAccount> account = accounts.findByUsername(request.getParameter("username"));
        response.setContentType("text/plain;charset=UTF-8");
        if (account.isEmpty()) {
            response.getWriter().write("none");
            return;
        }
        UserAccount user = account.get();
        response.getWriter().write(String.join("\n",
                "source=" + user.getSource(),
                "externalId=" + user.getExternalId(),
                "displayName=" + user.getDisplayName(),
                "email=" + user.getEmail(),
                "groups=" + String.join(",", new TreeSet<>(user.getGroups())),
                "status=" + user.getDirectoryStatus(),
                "refreshedAt=" + user.getDirectoryRefreshedAt(),
                "localPassword=" + user.hasLocalPassword(),
                "enabled=" + user.isEnabled()));
    }
}
