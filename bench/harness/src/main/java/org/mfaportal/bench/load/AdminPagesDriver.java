package org.mfaportal.bench.load;

import static org.mfaportal.bench.cli.CommandLineOptions.parse;
import static org.mfaportal.bench.cli.CommandLineOptions.required;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mfaportal.bench.LocalServer;

/**
 * Response times of the admin pages over a large population (issue 7: the users list over 100,000 accounts, the
 * audit log over 1,000,000 events). One admin signs in through the real Faces login form, then each scenario is
 * requested one at a time: a GET of the page (the lazy table counts and loads its first page while rendering), or the
 * filter button's AJAX postback, clicked again and again in one view that an untimed GET opened.
 *
 * <pre>
 * java -cp bench-harness.jar org.mfaportal.bench.load.AdminPagesDriver --username bench-admin --password ... \
 *     [--base-url http://localhost:8780] [--requests 200] [--warm-up 20] [--server-pid PID] [--only name,name]
 *     [--h2-result-reuse false] [--request-timeout 300]
 * </pre>
 *
 * <p>H2 answers a repeated query from the result of its last run as long as none of the tables it reads has changed
 * since. The driver repeats identical queries with nothing written in between, which a live portal never does for
 * long (every sign-in writes audit events), so by default it switches that reuse off for the measured database
 * ({@code SET OPTIMIZE_REUSE_RESULTS FALSE} through the bench WAR, until the server restarts): every request computes
 * its answer, as on the first request after a change.
 *
 * The filter fields are found by the ids in the page (a field {@code users:text} or {@code users:enrolment_input});
 * a scenario whose field or option the page does not have is reported as skipped, not failed, so the driver keeps
 * working while the pages change.
 */
public final class AdminPagesDriver {

    /** The matching row count, from the paginator settings PrimeFaces renders into the table's widget script. */
    private static final Pattern ROW_COUNT = Pattern.compile("rowCount\\s*:\\s*(\\d+)");
    private static final Pattern VIEW_STATE_UPDATE = Pattern.compile("ViewState:\\d+\"><!\\[CDATA\\[([^\\]]*)\\]\\]>");
    private static final Pattern TABLE_ROW = Pattern.compile("<tr\\b[^>]*\\bdata-ri=\"");

    /** One measured request kind. Filters map a field id inside the form to the value typed or chosen. */
    record Scenario(String name, String path, String formId, String button, String render, Map<String, String> filters) {

        boolean isPostback() {
            return !filters.isEmpty();
        }
    }

    static List<Scenario> scenarios(Map<String, String> options) {
        String text = options.getOrDefault("--text", "keller");
        String group = options.getOrDefault("--group", "dept-07");
        String enrolment = options.getOrDefault("--enrolment", "NOT_ENROLLED");
        String subject = options.getOrDefault("--subject", "staff-004711");
        String type = options.getOrDefault("--type", "ACCOUNT_LOCKED");
        String from = options.getOrDefault("--from", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30).toString());
        String ip = options.getOrDefault("--ip", "10.0.4.17");
        return List.of(
                new Scenario("users-get", "/admin/users", "users", null, null, Map.of()),
                new Scenario("users-filter-text", "/admin/users", "users", "users:search", "users:table", Map.of("text", text)),
                new Scenario("users-filter-group", "/admin/users", "users", "users:search", "users:table", Map.of("group", group)),
                new Scenario("users-filter-enrolment", "/admin/users", "users", "users:search", "users:table", Map.of("enrolment", enrolment)),
                new Scenario("users-filter-group-and-enrolment", "/admin/users", "users", "users:search", "users:table",
                        Map.of("group", group, "enrolment", enrolment)),
                // a fresh view per request: the lazy table counts and loads page 1, as an admin following a link does
                new Scenario("users-get-enrolment", "/admin/users?enrolment=" + enrolment, "users", null, null, Map.of()),
                new Scenario("users-get-group-and-enrolment", "/admin/users?group=" + group + "&enrolment=" + enrolment, "users", null, null, Map.of()),
                new Scenario("audit-get", "/admin/audit", "audit", null, null, Map.of()),
                new Scenario("audit-filter-subject", "/admin/audit", "audit", "audit:apply", "audit:events", Map.of("subject", subject)),
                new Scenario("audit-filter-type-last-30-days", "/admin/audit", "audit", "audit:apply", "audit:events",
                        Map.of("type", type, "from", from)),
                new Scenario("audit-filter-ip", "/admin/audit", "audit", "audit:apply", "audit:events", Map.of("ip", ip)),
                new Scenario("audit-filter-last-7-days", "/admin/audit", "audit", "audit:apply", "audit:events",
                        Map.of("from", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(7).toString())),
                new Scenario("audit-filter-frequent-type", "/admin/audit", "audit", "audit:apply", "audit:events",
                        Map.of("type", options.getOrDefault("--frequent-type", "SIGN_IN_COMPLETED"))));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI base = LocalServer.baseUrl(options.getOrDefault("--base-url", "http://localhost:8780"));
        int requests = Integer.parseInt(options.getOrDefault("--requests", "200"));
        int warmUp = Integer.parseInt(options.getOrDefault("--warm-up", "20"));
        Optional<ServerProcess> server = Optional.ofNullable(options.get("--server-pid")).map(Long::parseLong).map(ServerProcess::new);
        List<String> only = options.containsKey("--only") ? List.of(options.get("--only").split(",")) : List.of();

        HttpClient http = BrowserSession.newHttpClient();
        boolean reuse = Boolean.parseBoolean(options.getOrDefault("--h2-result-reuse", "false"));
        System.out.println("H2 result reuse: " + BenchEndpoints.setH2ResultReuse(http, base, reuse));
        java.time.Duration timeout = java.time.Duration.ofSeconds(Long.parseLong(options.getOrDefault("--request-timeout", "300")));
        BrowserSession browser = new BrowserSession(http, base, timeout);
        signIn(browser, required(options, "--username"), required(options, "--password"));
        System.out.printf("signed in as %s; %d warm-up and %d measured requests per scenario, one at a time%n",
                options.get("--username"), warmUp, requests);

        MachineCpu machineAtStart = MachineCpu.now();
        long serverAtStart = server.map(ServerProcess::cpuNanos).orElse(0L);
        for (Scenario scenario : scenarios(options)) {
            if (!only.isEmpty() && !only.contains(scenario.name())) {
                continue;
            }
            try {
                measure(browser, scenario, warmUp, requests, server);
            } catch (SignInFailure skipped) {
                System.out.printf("%-34s skipped: %s%n", scenario.name(), skipped.getMessage());
            }
        }
        MachineCpu machineAtEnd = MachineCpu.now();
        double total = machineAtEnd.totalNanos() - machineAtStart.totalNanos();
        double busy = machineAtEnd.busyNanos() - machineAtStart.busyNanos();
        double driver = machineAtEnd.driverNanos() - machineAtStart.driverNanos();
        double serverCpu = server.map(ServerProcess::cpuNanos).orElse(0L) - serverAtStart;
        System.out.printf("others: %.0f %% of the machine's CPU during the scenarios (server %s, driver %.0f %%, idle %.0f %%), load %s -> %s%n",
                100 * Math.max(0, busy - driver - serverCpu) / total,
                server.isPresent() ? String.format("%.0f %%", 100 * serverCpu / total) : "not measured: no --server-pid",
                100 * driver / total, 100 * (total - busy) / total, machineAtStart.loadAverage(), machineAtEnd.loadAverage());
    }

    private static void signIn(BrowserSession browser, String username, String password) throws Exception {
        Page loginPage = browser.get(BrowserSignIn.LOGIN_PAGE);
        Page afterPassword = browser.submit(FacesForm.of(loginPage, "login"),
                Map.of("login:username", username, "login:password", password), "login:signIn");
        if (!afterPassword.isRedirect()) {
            throw new SignInFailure("admin sign-in: expected a redirect, got " + afterPassword.describe()
                    + (afterPassword.body().contains("id=\"login\"") ? " (password rejected)" : ""));
        }
        Page landing = browser.get(afterPassword.redirectTarget());
        if (landing.status() != 200 || !landing.body().contains("id=\"greeting\"")) {
            throw new SignInFailure("admin sign-in: landed on " + landing.uri().getPath() + " " + landing.describe()
                    + " (a second factor required for admins is not supported by this driver)");
        }
    }

    private static void measure(BrowserSession browser, Scenario scenario, int warmUp, int requests, Optional<ServerProcess> server)
            throws IOException, InterruptedException, SignInFailure {
        List<Long> nanos = new ArrayList<>(requests);
        String firstReport = null;
        int firstRows = -1;
        long serverCpu = 0;
        FacesForm form = null;
        Map<String, String> fields = Map.of();
        if (scenario.isPostback()) {
            // One view, opened once (untimed); its filter button is then clicked again and again, as an admin does.
            Page page = browser.get(scenario.path());
            expectForm(page, scenario);
            form = FacesForm.of(page, scenario.formId());
            fields = fieldsToSend(page, scenario);
        }
        for (int i = 0; i < warmUp + requests; i++) {
            long started = System.nanoTime();
            long cpuBefore = server.map(ServerProcess::cpuNanos).orElse(0L);
            Page measured;
            if (scenario.isPostback()) {
                measured = browser.submitAjax(form, scenario.formId(), scenario.button(), scenario.render(), fields);
                if (measured.status() != 200 || !measured.body().contains("<partial-response") || measured.body().contains("<error>")) {
                    throw new SignInFailure(scenario.name() + ": the filter postback failed (" + measured.describe() + ") "
                            + measured.body().substring(0, Math.min(300, measured.body().length())));
                }
                form = withViewStateOf(measured, form);
            } else {
                measured = browser.get(scenario.path());
                expectForm(measured, scenario);
            }
            long elapsed = System.nanoTime() - started;
            if (i >= warmUp) {
                nanos.add(elapsed);
                serverCpu += server.map(ServerProcess::cpuNanos).orElse(0L) - cpuBefore;
                if (firstReport == null) {
                    Matcher rowCount = ROW_COUNT.matcher(measured.body());
                    firstReport = rowCount.find() ? rowCount.group(1) + " matching" : "row count not found";
                    firstRows = (int) TABLE_ROW.matcher(measured.body()).results().count();
                }
            }
        }
        Latencies latencies = new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
        System.out.printf("%-34s %s  server CPU %s  [%s, %d rows on the page]%n", scenario.name(), latencies.summary(),
                server.isPresent() ? String.format("%.1f ms/request", serverCpu / 1e6 / requests) : "-", firstReport, firstRows);
    }

    private static void expectForm(Page page, Scenario scenario) throws SignInFailure {
        if (page.status() != 200 || !page.body().contains("id=\"" + scenario.formId() + "\"")) {
            throw new SignInFailure(scenario.path() + ": no form #" + scenario.formId() + " (" + page.describe() + ")");
        }
    }

    /** A partial response may carry a new view state; the next click must send it. */
    static FacesForm withViewStateOf(Page partialResponse, FacesForm form) {
        Matcher viewState = VIEW_STATE_UPDATE.matcher(partialResponse.body());
        if (!viewState.find()) {
            return form;
        }
        Map<String, String> hidden = new LinkedHashMap<>(form.hiddenFields());
        hidden.put(FacesForm.VIEW_STATE, viewState.group(1));
        return new FacesForm(form.action(), hidden);
    }

    /** Every visible filter field of the form, empty unless the scenario sets it, under the name the page gives it. */
    static Map<String, String> fieldsToSend(Page page, Scenario scenario) throws SignInFailure {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> filter : scenario.filters().entrySet()) {
            String id = scenario.formId() + ":" + filter.getKey();
            String name = fieldName(page.body(), id).orElseThrow(() -> new SignInFailure("the page has no field " + id));
            if (name.endsWith("_input") && page.body().contains("<select") && selectOptions(page.body(), name).isPresent()
                    && !selectOptions(page.body(), name).get().contains(filter.getValue())) {
                throw new SignInFailure(id + " has no option " + filter.getValue() + " (options: " + selectOptions(page.body(), name).get() + ")");
            }
            fields.put(name, filter.getValue());
        }
        return fields;
    }

    static Optional<String> fieldName(String html, String id) {
        for (String candidate : List.of(id, id + "_input")) {
            if (Pattern.compile("<(input|select|textarea)\\b[^>]*\\bname=\"" + Pattern.quote(candidate) + "\"").matcher(html).find()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Optional<List<String>> selectOptions(String html, String name) {
        Matcher select = Pattern.compile("<select\\b[^>]*\\bname=\"" + Pattern.quote(name) + "\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(html);
        if (!select.find()) {
            return Optional.empty();
        }
        return Optional.of(Pattern.compile("<option\\b[^>]*\\bvalue=\"([^\"]*)\"").matcher(select.group(1)).results().map(m -> m.group(1)).toList());
    }
}
