package org.mfaportal.admin;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.primefaces.model.StreamedContent;

/** The admin's user list: a lazy table whose paging, sorting and filtering all happen in the database. */
@Named
@ViewScoped
public class AdminUsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int EXPORT_BATCH = 1_000;

    @Inject
    AdminUserService admin;

    @Inject
    CurrentUser currentUser;

    @Inject
    Messages messages;

    @Inject
    FacesContext faces;

    private String newUsername;
    private String newDisplayName;
    private String newEmail;
    private List<String> newGroups = new ArrayList<>();
    private String newOtherGroups;
    private List<String> knownGroups;

    /** How long a count serves further pages of the same filter; the list is a snapshot of moving data anyway. */
    private static final Duration COUNT_REUSE = Duration.ofSeconds(30);

    private UserQuery countedQuery;
    private long counted;
    private Instant countedAt = Instant.EPOCH;

    private String text;
    private String group;
    private UserQuery.EnrolmentFilter enrolment = UserQuery.EnrolmentFilter.ANY;
    private UserQuery.SourceFilter source = UserQuery.SourceFilter.ANY;

    private final LazyDataModel<UserRow> users = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            UserQuery filter = query(null, true);
            Instant now = Instant.now();
            // counting states over all users is the slow half of a page: paging through one filter counts once
            if (!filter.equals(countedQuery) || countedAt.plus(COUNT_REUSE).isBefore(now)) {
                countedQuery = filter;
                counted = admin.count(filter);
                countedAt = now;
            }
            return (int) Math.min(Integer.MAX_VALUE, counted);
        }

        @Override
        public List<UserRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            return admin.find(query(sort == null ? null : sort.getField(), sort == null || sort.getOrder() != SortOrder.DESCENDING), first, pageSize);
        }

        @Override
        public String getRowKey(UserRow row) {
            return Long.toString(row.id());
        }
    };

    private UserQuery query(String sortField, boolean ascending) {
        return new UserQuery(text, group, enrolment, source, sortField, ascending);
    }

    /** The whole filtered list (not just the page) with each user's enrolment state, as CSV. */
    public StreamedContent getCsv() {
        UserQuery query = query(null, true);
        return CsvDownload.of("users.csv", List.of("username", "name", "email", "groups", "state", "deadline", "factors", "locked at",
                "exempt until", "created at", "disabled at", "source", "directory status", "directory refreshed at"), (first, size) -> admin.find(query, first, size),
                EXPORT_BATCH, row -> Arrays.asList(row.username(), row.displayName(), row.email(), row.groups(), row.state().kind().name(),
                        iso(row.state().deadline()), Integer.toString(row.factors()), iso(row.lockedAt()), iso(row.exemptUntil()), iso(row.createdAt()), iso(row.disabledAt()),
                        row.source().name(), row.directoryStatus() == null ? null : row.directoryStatus().name(), iso(row.directoryRefreshedAt())));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Creates the account and sends the invitation; refusals appear next to their field. */
    public String createUser() {
        try {
            AdminUserService.Created created = admin.createUser(new NewUser(newUsername, newDisplayName, newEmail,
                    GroupInput.combine(newGroups, newOtherGroups)), currentUser.getUsername());
            faces.getExternalContext().getFlash().setKeepMessages(true);
            if (created.invitationSent()) {
                messages.info(null, "admin.new-user.created", created.user().getUsername(), created.user().getEmail());
            } else {
                messages.warn(null, "admin.new-user.created-no-link", created.user().getUsername());
            }
            return "/admin/user?faces-redirect=true&id=" + created.user().getId();
        } catch (AccountChangeRefused refused) {
            messages.error(fieldId(refused.field()), refused.messageKey());
            return null;
        }
    }

    private static String fieldId(AccountChangeRefused.Field field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case USERNAME -> "newUser:username";
            case DISPLAY_NAME -> "newUser:displayName";
            case EMAIL -> "newUser:email";
            case GROUPS -> "newUser:otherGroups";
        };
    }

    public List<String> getKnownGroups() {
        if (knownGroups == null) {
            knownGroups = admin.knownGroups();
        }
        return knownGroups;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewDisplayName() {
        return newDisplayName;
    }

    public void setNewDisplayName(String newDisplayName) {
        this.newDisplayName = newDisplayName;
    }

    public String getNewEmail() {
        return newEmail;
    }

    public void setNewEmail(String newEmail) {
        this.newEmail = newEmail;
    }

    public List<String> getNewGroups() {
        return newGroups;
    }

    public void setNewGroups(List<String> newGroups) {
        this.newGroups = newGroups == null ? new ArrayList<>() : new ArrayList<>(newGroups);
    }

    public String getNewOtherGroups() {
        return newOtherGroups;
    }

    public void setNewOtherGroups(String newOtherGroups) {
        this.newOtherGroups = newOtherGroups;
    }

    public LazyDataModel<UserRow> getUsers() {
        return users;
    }

    public UserQuery.EnrolmentFilter[] getEnrolmentFilters() {
        return UserQuery.EnrolmentFilter.values();
    }

    public UserQuery.SourceFilter[] getSourceFilters() {
        return UserQuery.SourceFilter.values();
    }

    public UserQuery.SourceFilter getSource() {
        return source;
    }

    public void setSource(UserQuery.SourceFilter source) {
        this.source = source;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public UserQuery.EnrolmentFilter getEnrolment() {
        return enrolment;
    }

    public void setEnrolment(UserQuery.EnrolmentFilter enrolment) {
        this.enrolment = enrolment;
    }
}
