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
 * frequent first.
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
        try (Connection connection = portalDatabase.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select EXECUTION_COUNT, SQL_STATEMENT from INFORMATION_SCHEMA.QUERY_STATISTICS order by EXECUTION_COUNT desc")) {
            while (rows.next()) {
                out.println(rows.getLong(1) + "\t" + rows.getString(2).replaceAll("\\s+", " "));
            }
        } catch (SQLException e) {
            throw new IOException("Could not read H2's query statistics (switched on with POST?)", e);
        }
    }
}
