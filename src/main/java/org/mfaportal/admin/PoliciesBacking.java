package org.mfaportal.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.mfaportal.policy.PolicyRule;
import org.mfaportal.policy.PolicyService;
import org.mfaportal.web.CurrentUser;
import org.mfaportal.web.Messages;

/** The policies page: the default and the group policies, and a form to set one. */
@Named
@ViewScoped
public class PoliciesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    PolicyService policies;

    @Inject
    CurrentUser currentUser;

    @Inject
    Messages messages;

    private List<PolicyRule> rules;
    private String group;
    private boolean mfaRequired;
    private int graceDays = 14;
    private int trustedBrowserDays = 30;

    @PostConstruct
    void load() {
        rules = policies.policies();
    }

    /** Saves the form: a blank group means the default policy. */
    public void save() {
        String target = group == null || group.isBlank() ? null : group.strip();
        policies.save(new PolicyRule(target, mfaRequired, graceDays, trustedBrowserDays), currentUser.getUsername());
        messages.info(null, "admin.policies.saved");
        load();
    }

    public List<PolicyRule> getRules() {
        return rules;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public boolean isMfaRequired() {
        return mfaRequired;
    }

    public void setMfaRequired(boolean mfaRequired) {
        this.mfaRequired = mfaRequired;
    }

    public int getGraceDays() {
        return graceDays;
    }

    public void setGraceDays(int graceDays) {
        this.graceDays = graceDays;
    }

    public int getTrustedBrowserDays() {
        return trustedBrowserDays;
    }

    public void setTrustedBrowserDays(int trustedBrowserDays) {
        this.trustedBrowserDays = trustedBrowserDays;
    }
}
