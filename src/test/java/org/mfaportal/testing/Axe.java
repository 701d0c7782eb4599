package org.mfaportal.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Deque's axe-core accessibility checker over the page a {@link Browser} shows. It runs every rule for WCAG 2.0, 2.1
 * and 2.2 at levels A and AA, axe's best practices and its experimental rules (among them the check that a control's
 * accessible name contains its visible label, WCAG 2.5.3), so a page passes only when axe finds nothing at any impact.
 * Results axe cannot decide alone ("needs review", e.g. contrast over an image) are not counted.
 */
public final class Axe {

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa",
            "best-practice", "experimental");

    private final List<String> violations = new ArrayList<>();

    /** Checks the page the browser shows now; {@code where} names it (path and state) in the report. */
    public void check(Browser browser, String where) {
        Results results = new AxeBuilder().withTags(TAGS).analyze(browser.driver());
        if (results.isErrored()) {
            violations.add(where + ": axe-core did not run: " + results.getErrorMessage());
            return;
        }
        for (Rule rule : results.getViolations()) {
            StringBuilder text = new StringBuilder(where).append(": ").append(rule.getId())
                    .append(" (").append(rule.getImpact()).append(") ").append(rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                text.append("\n    at ").append(node.getTarget()).append(": ")
                        .append(node.getFailureSummary() == null ? "" : node.getFailureSummary().replace("\n", " "));
            }
            violations.add(text.toString());
        }
    }

    /** Every violation found so far, one entry per rule and page, with the offending elements; empty when none. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The report for an assertion message. */
    public String report() {
        return violations.size() + " accessibility violation(s):\n" + String.join("\n", violations);
    }
}
