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
import javax.sql.DataSource;

/**
 * How often the portal runs each SQL statement, from the embedded H2 database's own statistics (H2 only): to count the
 * queries behind one sign-in. POST starts counting afresh; GET answers {@code executions<TAB>statement} lines, most
 * frequent first; GET {@code ?times=true} answers {@code executions<TAB>mean ms<TAB>max ms<TAB>statement}, slowest in
 * total first (to find the slow statements behind a page); GET {@code ?explain=select ...} answers H2's
 * {@code EXPLAIN ANALYZE} of that one select (its plan: which index, how many rows read).
 */
@WebServlet("/bench/query-statistics")
public class QueryStatisticsServlet extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource portalDatabase;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (Connection connection = portalDatabase.getConnection(); Statement statement = connection.createStatement()) {
            // Switching off drops what was counted so far.
            statement.execute("SET QUERY_STATISTICS FALSE");
            statement.execute("SET QUERY_STATISTICS_MAX_ENTRIES 500");
            statement.execute("SET QUERY_STATISTICS TRUE");
        } catch (SQLException e) {
            throw new IOException("Could not switch on H2's query statistics", e);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/tab-separated-values;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String explain = request.getParameter("explain");
        if (explain != null) {
            explain(explain, out, response);
            return;
        }
        boolean times = Boolean.parseBoolean(request.getParameter("times"));
        try (Connection connection = portalDatabase.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(times
                        ? "select EXECUTION_COUNT, AVERAGE_EXECUTION_TIME, MAX_EXECUTION_TIME, SQL_STATEMENT from INFORMATION_SCHEMA.QUERY_STATISTICS"
                                + " order by CUMULATIVE_EXECUTION_TIME desc"
                        : "select EXECUTION_COUNT, SQL_STATEMENT from INFORMATION_SCHEMA.QUERY_STATISTICS order by EXECUTION_COUNT desc")) {
            while (rows.next()) {
                out.println(times
                        ? String.format("%d\t%.1f\t%.1f\t%s", rows.getLong(1), rows.getDouble(2), rows.getDouble(3), rows.getString(4).replaceAll("\\s+", " "))
                        : rows.getLong(1) + "\t" + rows.getString(2).replaceAll("\\s+", " "));
            }
        } catch (SQLException e) {
            throw new IOException("Could not read H2's query statistics (switched on with POST?)", e);
        }
    }

    /** Only a single select: EXPLAIN ANALYZE runs the statement. */
    private void explain(String select, PrintWriter out, HttpServletResponse response) throws IOException {
        if (!select.strip().toLowerCase(java.util.Locale.ROOT).startsWith("select ") || select.contains(";")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "explain takes one select statement");
            return;
        }
        try (Connection connection = portalDatabase.getConnection(); Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN ANALYZE " + select)) {
            while (plan.next()) {
                out.println(plan.getString(1));
            }
        } catch (SQLException e) {
            throw new IOException("EXPLAIN ANALYZE failed: " + e.getMessage(), e);
        }
    }
}
