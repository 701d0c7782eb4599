package org.mfaportal.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The admin's user list: a lazy table whose paging, sorting and filtering all happen in the database. */
@Named
@ViewScoped
public class AdminUsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AdminUserService admin;

    private String text;
    private String group;
    private UserQuery.EnrolmentFilter enrolment = UserQuery.EnrolmentFilter.ANY;

    private final LazyDataModel<UserRow> users = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) admin.count(query(null, true));
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
        return new UserQuery(text, group, enrolment, sortField, ascending);
    }

    public LazyDataModel<UserRow> getUsers() {
        return users;
    }

    public UserQuery.EnrolmentFilter[] getEnrolmentFilters() {
        return UserQuery.EnrolmentFilter.values();
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
