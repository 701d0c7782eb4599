package org.mfaportal.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mfaportal.audit.AuditEvent;
import org.mfaportal.audit.AuditEventType;
import org.mfaportal.audit.AuditQuery;
import org.mfaportal.audit.AuditService;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.StreamedContent;

/** The audit log for admins: every event, filtered and paged in the database; the filtered result as CSV. */
@Named
@ViewScoped
public class AuditLogBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int EXPORT_BATCH = 2_000;

    @Inject
    AuditService audit;

    private LocalDate fromDate;
    private LocalDate toDate;
    private String subject;
    private String actor;
    private AuditEventType type;
    private String ipAddress;

    private final LazyDataModel<AuditEvent> events = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, audit.count(query()));
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return audit.search(query(), first, pageSize);
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return Long.toString(event.getId());
        }
    };

    /** Dates are whole days in UTC, the "to" day included. */
    AuditQuery query() {
        return new AuditQuery(
                fromDate == null ? null : fromDate.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDate == null ? null : toDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                subject, actor, type, ipAddress);
    }

    public StreamedContent getCsv() {
        AuditQuery query = query();
        return CsvDownload.of("audit-log.csv", List.of("time", "type", "actor", "subject", "ip", "user agent", "detail"),
                (first, size) -> audit.search(query, first, size), EXPORT_BATCH,
                e -> Arrays.asList(e.getOccurredAt().toString(), e.getType().name(), e.getActorUsername(), e.getSubjectUsername(),
                        e.getIpAddress(), e.getUserAgent(), e.getDetail()));
    }

    public LazyDataModel<AuditEvent> getEvents() {
        return events;
    }

    public AuditEventType[] getTypes() {
        return AuditEventType.values();
    }

    public LocalDate getFromDate() {
        return fromDate;
    }

    public void setFromDate(LocalDate fromDate) {
        this.fromDate = fromDate;
    }

    public LocalDate getToDate() {
        return toDate;
    }

    public void setToDate(LocalDate toDate) {
        this.toDate = toDate;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public AuditEventType getType() {
        return type;
    }

    public void setType(AuditEventType type) {
        this.type = type;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }
}
