package org.mfaportal.bench.seeding;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * What must not grow with the number of sign-ins, read while the server runs: the rows of the portal's tables
 * (pending_login must return to its baseline; audit_event grows by design) and the live HTTP sessions. Counted over
 * the portal's own datasource, since the embedded H2 file cannot be opened by a second process.
 */
@WebServlet("/bench/state")
public class BenchStateServlet extends HttpServlet {

    private static final List<String> COUNTED_TABLES = List.of("pending_login", "audit_event", "user_account", "authenticator", "recovery_code");

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource portalDatabase;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/tab-separated-values;charset=UTF-8");
        PrintWriter out = response.getWriter();
        try (Connection connection = portalDatabase.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : COUNTED_TABLES) {
                try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                    rows.next();
                    out.println(table + "_rows\t" + rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException("Counting rows failed", e);
        }
        out.println("http_sessions\t" + ActiveSessionCount.current());
    }
}
