package org.mfaportal.bench.seeding;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mfaportal.account.UserAccount;
import org.mfaportal.account.UserAccountService;
import org.mfaportal.mfa.totp.Base32;
import org.mfaportal.mfa.totp.Totp;
import org.mfaportal.mfa.totp.TotpEnrolment;
import org.mfaportal.mfa.totp.TotpService;

/**
 * Creates benchmark accounts the way people get them, through the portal's services: the account and its password
 * hash from {@link UserAccountService#create}, and when {@code factor=totp} an authenticator app confirmed with a valid
 * code through {@link TotpService}, which also creates the recovery codes. Nothing is written by SQL, so the rows are
 * exactly what the portal would have made.
 *
 * <p>POST {@code prefix}, {@code first}, {@code count}, {@code password}, {@code factor} ({@code none} or {@code totp}).
 * Answers one tab-separated line per account: username, Base32 secret, HMAC algorithm, digits, period, the time step
 * the confirming code belonged to (the portal will never accept it again), and the recovery codes separated by
 * commas. The TOTP columns are empty for {@code factor=none}. With {@code existing=report}, an account that exists
 * already is answered as {@code #exists<TAB>username} and left as it is.
 */
@WebServlet("/bench/users")
public class BenchUserSeedingServlet extends HttpServlet {

    /** A bounded request: the client asks for large populations in batches. */
    static final int MAX_ACCOUNTS_PER_REQUEST = 500;

    /** Starts the answer line of an account that existed before this request (only with {@code existing=report}). */
    static final String EXISTING_MARK = "#exists";

    private static final Pattern USERNAME_PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    private static final Set<String> GROUPS = Set.of("bench");

    @Inject
    UserAccountService accounts;

    @Inject
    TotpService totp;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String prefix = request.getParameter("prefix");
        String password = request.getParameter("password");
        String factor = request.getParameter("factor");
        int first;
        int count;
        try {
            first = Integer.parseInt(request.getParameter("first"));
            count = Integer.parseInt(request.getParameter("count"));
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "first and count must be numbers");
            return;
        }
        if (prefix == null || !USERNAME_PREFIX.matcher(prefix).matches() || password == null || password.isEmpty()
                || first < 0 || count < 1 || count > MAX_ACCOUNTS_PER_REQUEST || !Set.of("none", "totp").contains(factor)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "needs prefix [a-z][a-z0-9-]*, password, first >= 0, count 1.." + MAX_ACCOUNTS_PER_REQUEST + ", factor none|totp");
            return;
        }
        List<String> usernames = new ArrayList<>(count);
        for (int number = first; number < first + count; number++) {
            usernames.add(prefix + String.format("%06d", number));
        }
        // The secret of an existing account cannot be read back (it is sealed), so a re-run must not silently skip. A
        // client retrying a batch that broke off says so (existing=report): an account made by the broken request is
        // then named in a line of its own instead of failing the whole retry.
        boolean reportExisting = "report".equals(request.getParameter("existing"));
        if (!reportExisting) {
            for (String username : usernames) {
                if (accounts.findByUsername(username).isPresent()) {
                    response.sendError(HttpServletResponse.SC_CONFLICT, username + " exists already: seed into a fresh database or another prefix");
                    return;
                }
            }
        }
        response.setContentType("text/tab-separated-values;charset=UTF-8");
        PrintWriter out = response.getWriter();
        for (String username : usernames) {
            if (reportExisting && accounts.findByUsername(username).isPresent()) {
                out.println(EXISTING_MARK + "\t" + username);
                out.flush();
                continue;
            }
            UserAccount account = accounts.create(username, "Bench " + username, null, password.toCharArray(), GROUPS);
            out.println("totp".equals(factor) ? username + "\t" + enrolAuthenticatorApp(account) : username + "\t\t\t\t\t\t");
            // Each line is a finished account: the client sees progress and keeps what was made if the batch breaks off.
            out.flush();
        }
    }

    private String enrolAuthenticatorApp(UserAccount account) {
        TotpEnrolment enrolment = totp.startEnrolment(account);
        Totp parameters = enrolment.totp();
        // The portal's clock is the system clock in UTC (ClockProducer), the same instant as this one.
        long step = parameters.timeStep(Instant.now());
        List<String> recoveryCodes = totp.confirmEnrolment(account, enrolment, parameters.codeAt(enrolment.secret(), step))
                .orElseThrow(() -> new IllegalStateException("The portal refused a code computed from the secret it issued to " + account.getUsername()));
        return String.join("\t", Base32.encode(enrolment.secret()), parameters.algorithm().name(),
                Integer.toString(parameters.digits()), Integer.toString(parameters.periodSeconds()), Long.toString(step),
                String.join(",", recoveryCodes));
    }
}
