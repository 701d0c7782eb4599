package org.mfaportal.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mfaportal.mfa.webauthn.AuthenticatorModels;
import org.mfaportal.policy.FactorKind;
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

    @Inject
    AdminUserService admin;

    private List<String> knownGroups;

    private List<PolicyRule> rules;
    private String group;
    private boolean mfaRequired;
    private int graceDays = 14;
    private int trustedBrowserDays = 30;
    private FactorKind[] allowedFactors = FactorKind.values();
    private int recoveryCodes = PolicyRule.DEFAULT_RECOVERY_CODES;
    private boolean attestationRequired;
    private List<String> selectedModels = new ArrayList<>();
    private String typedModels;
    private List<ModelChoice> modelChoices;

    /** A model the admin can pick: its AAGUID and how the page names it. */
    public record ModelChoice(String aaguid, String label) implements Serializable {
    }

    @Inject
    AuthenticatorModels keyModels;

    @PostConstruct
    void load() {
        rules = policies.policies();
        modelChoices = null;
    }

    /** Saves the form: a blank group means the default policy. */
    public void save() {
        String target = group == null || group.isBlank() ? null : group.strip();
        Set<String> models = new TreeSet<>(selectedModels);
        for (String typed : typedModels == null ? new String[0] : typedModels.strip().split("[\\s,;]+")) {
            if (typed.isEmpty()) {
                continue;
            }
            Optional<String> model = PolicyRule.aaguid(typed);
            if (model.isEmpty()) {
                messages.error("policy:typedModels", "admin.policies.models.invalid", typed);
                return;
            }
            models.add(model.get());
        }
        PolicyRule rule = new PolicyRule(target, mfaRequired, graceDays, trustedBrowserDays, Set.of(allowedFactors), recoveryCodes,
                attestationRequired, models);
        if (!rule.allowsAnAuthenticator()) {
            messages.error("policy:factors", "admin.policies.needs-authenticator");
            return;
        }
        policies.save(rule, currentUser.getUsername());
        messages.info(null, "admin.policies.saved");
        typedModels = null;
        selectedModels = new ArrayList<>(models);
        if (target != null && policies.membersOf(target) == 0) {
            messages.warn(null, "admin.policies.no-members", target);
        }
        load();
    }

    /** Deletes a group's policy after the admin confirmed it. */
    public void delete(PolicyRule rule) {
        if (rule.group() != null && policies.delete(rule.group(), currentUser.getUsername())) {
            messages.info(null, "admin.policies.deleted", rule.group());
        }
        load();
    }

    /** Offered while typing a group: the groups accounts are in, and those with a policy. */
    public List<String> getKnownGroups() {
        if (knownGroups == null) {
            knownGroups = admin.knownGroups();
        }
        return knownGroups;
    }

    /** Fills the form with a stored policy, to change it. */
    public void edit(PolicyRule rule) {
        group = rule.group();
        mfaRequired = rule.mfaRequired();
        graceDays = rule.graceDays();
        trustedBrowserDays = rule.trustedBrowserDays();
        allowedFactors = rule.allowedFactors().stream().sorted().toArray(FactorKind[]::new);
        recoveryCodes = rule.recoveryCodes();
        attestationRequired = rule.attestationRequired();
        selectedModels = new ArrayList<>(new TreeSet<>(rule.allowedModels()));
        typedModels = null;
        modelChoices = null;
    }

    /**
     * The models the admin picks from: every model of a registered key, and every model a policy names (typed ones
     * too), by name where the metadata knows it.
     */
    public List<ModelChoice> getModelChoices() {
        if (modelChoices == null) {
            Set<String> known = new TreeSet<>(policies.registeredModels().keySet());
            rules.forEach(rule -> known.addAll(rule.allowedModels()));
            known.addAll(selectedModels);
            modelChoices = known.stream().map(model -> new ModelChoice(model, keyModels.describe(model)))
                    .sorted(Comparator.comparing(ModelChoice::label, String.CASE_INSENSITIVE_ORDER)).toList();
        }
        return modelChoices;
    }

    /** A policy's models for the table: "any model" or their names. */
    public String modelsOf(PolicyRule rule) {
        if (!rule.restrictsModels()) {
            return messages.text("admin.policies.models.any");
        }
        return rule.allowedModels().stream().sorted().map(keyModels::describe).collect(Collectors.joining(", "));
    }

    public boolean isAttestationRequired() {
        return attestationRequired;
    }

    public void setAttestationRequired(boolean attestationRequired) {
        this.attestationRequired = attestationRequired;
    }

    public List<String> getSelectedModels() {
        return selectedModels;
    }

    public void setSelectedModels(List<String> selectedModels) {
        this.selectedModels = selectedModels == null ? new ArrayList<>() : new ArrayList<>(selectedModels);
    }

    public String getTypedModels() {
        return typedModels;
    }

    public void setTypedModels(String typedModels) {
        this.typedModels = typedModels;
    }

    public FactorKind[] getFactorKinds() {
        return FactorKind.values();
    }

    public FactorKind[] getAllowedFactors() {
        return allowedFactors.clone();
    }

    public void setAllowedFactors(FactorKind[] allowedFactors) {
        this.allowedFactors = allowedFactors == null ? new FactorKind[0] : allowedFactors.clone();
    }

    public int getRecoveryCodes() {
        return recoveryCodes;
    }

    public void setRecoveryCodes(int recoveryCodes) {
        this.recoveryCodes = recoveryCodes;
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
