package org.mfaportal.bench.seeding;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.mfaportal.account.PasswordHasher;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;

/**
 * Seeds what the admin pages are measured against, one bounded batch per request (see {@link AdminPopulation}).
 *
 * <p>POST {@code what}:
 * <ul>
 * <li>{@code admin} with {@code username}, {@code password}: one admin account through {@link UserAccountService#create}
 * (a real hash), in the {@value UserAccount#ADMIN_GROUP} group; no second factor (the default policy requires none);</li>
 * <li>{@code users} with {@code prefix}, {@code first}, {@code count} (at most {@value #MAX_USERS}), {@code password}:
 * bulk accounts sharing one hash of that password, computed once per batch by the portal's {@link PasswordHasher};</li>
 * <li>{@code lock} with {@code prefix}: locks every {@value AdminPopulation#LOCKED_EVERY}th bulk account;</li>
 * <li>{@code events} with {@code prefix}, {@code users}, {@code first}, {@code count} (at most {@value #MAX_EVENTS}):
 * audit events about the bulk accounts;</li>
 * <li>{@code h2-result-reuse} with {@code enabled} (true or false): whether H2 may answer a repeated query from its
 * last result while the tables are unchanged, for the whole database until the server restarts (see
 * AdminPagesDriver in the harness for why the measurements switch it off).</li>
 * </ul>
 * Answers one line of what was done.
 */
@WebServlet("/bench/admin-population")
public class AdminPopulationServlet extends HttpServlet {

    static final int MAX_USERS = 5_000;
    static final int MAX_EVENTS = 100_000;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    @Inject
    AdminPopulation population;

    @Inject
    UserAccountService accounts;

    @Inject
    PasswordHasher passwordHasher;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String what = String.valueOf(request.getParameter("what"));
        try {
            String answer = switch (what) {
                case "admin" -> createAdmin(name(request, "username"), text(request, "password"));
                case "users" -> createUsers(name(request, "prefix"), number(request, "first", 0, Integer.MAX_VALUE),
                        number(request, "count", 1, MAX_USERS), text(request, "password"));
                case "h2-result-reuse" -> population.setH2ResultReuse(Boolean.parseBoolean(text(request, "enabled")));
                case "lock" -> population.lockSome(name(request, "prefix"), Instant.now()) + " accounts locked";
                case "events" -> createEvents(name(request, "prefix"), number(request, "users", 1, Integer.MAX_VALUE),
                        number(request, "first", 0, Integer.MAX_VALUE), number(request, "count", 1, MAX_EVENTS));
                default -> throw new IllegalArgumentException("what must be admin, users, lock or events");
            };
            response.getWriter().println(answer);
        } catch (SQLException e) {
            throw new IOException(e);
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    private String createAdmin(String username, String password) {
        if (accounts.findByUsername(username).isPresent()) {
            return username + " exists already";
        }
        accounts.create(username, "Bench Admin", null, password.toCharArray(), Set.of(UserAccount.ADMIN_GROUP));
        return username + " created";
    }

    private String createUsers(String prefix, int first, int count, String password) {
        String sharedHash = passwordHasher.hash(password.toCharArray());
        int enrolled = population.createUsers(prefix, first, count, sharedHash, Instant.now());
        return count + " accounts created, " + enrolled + " with an authenticator app";
    }

    private String createEvents(String prefix, int users, int first, int count) {
        try {
            population.createAuditEvents(prefix, users, first, count, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("Inserting audit events failed", e);
        }
        return count + " audit events created";
    }

    private static String name(HttpServletRequest request, String parameter) {
        String value = request.getParameter(parameter);
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(parameter + " must match " + NAME.pattern());
        }
        return value;
    }

    private static String text(HttpServletRequest request, String parameter) {
        String value = request.getParameter(parameter);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(parameter + " is required");
        }
        return value;
    }

    private static int number(HttpServletRequest request, String parameter, int min, int max) {
        try {
            int value = Integer.parseInt(request.getParameter(parameter));
            if (value < min || value > max) {
                throw new IllegalArgumentException(parameter + " must be " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(parameter + " must be a number");
        }
    }
}
