package org.mfaportal.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.ToLongFunction;
import org.mfaportal.web.Messages;

/** The compliance view: per group, how many users are enrolled, in grace, overdue, exempt; as a table and a chart. */
@Named
@RequestScoped
public class ComplianceBacking {

    @Inject
    AdminUserService admin;

    @Inject
    Messages messages;

    private List<GroupCompliance> rows;

    @PostConstruct
    void load() {
        rows = admin.compliance();
    }

    /** Everyone first, then each group. */
    public List<GroupCompliance> getRows() {
        return rows;
    }

    /** A Chart.js configuration: one stacked bar per group, a colour per state. Built as JSON, never by string pasting. */
    public String getChartJson() {
        List<GroupCompliance> groups = rows.stream().filter(row -> row.group() != null).toList();
        JsonArrayBuilder labels = Json.createArrayBuilder();
        groups.forEach(row -> labels.add(row.group()));
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(dataset("admin.users.enrolment.ENROLLED", "#2e7d32", groups, GroupCompliance::enrolled))
                .add(dataset("admin.users.enrolment.IN_GRACE", "#f9a825", groups, GroupCompliance::inGrace))
                .add(dataset("admin.users.enrolment.OVERDUE", "#c62828", groups, GroupCompliance::overdue))
                .add(dataset("admin.users.enrolment.EXEMPT", "#6a1b9a", groups, GroupCompliance::exempt))
                .add(dataset("admin.users.enrolment.NOT_REQUIRED", "#9e9e9e", groups, GroupCompliance::notRequired));
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder()
                        .add("responsive", true)
                        .add("scales", Json.createObjectBuilder()
                                .add("x", Json.createObjectBuilder().add("stacked", true))
                                .add("y", Json.createObjectBuilder().add("stacked", true).add("beginAtZero", true)
                                        // user counts are whole numbers: no 0.1 … 1.0 ticks for small groups
                                        .add("ticks", Json.createObjectBuilder().add("precision", 0)))))
                .build().toString();
    }

    private JsonObject dataset(String labelKey, String colour, List<GroupCompliance> groups, ToLongFunction<GroupCompliance> count) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        groups.forEach(row -> data.add(count.applyAsLong(row)));
        return Json.createObjectBuilder().add("label", messages.text(labelKey)).add("backgroundColor", colour).add("data", data).build();
    }
}
