package org.mfaportal.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored policy: the default when {@code groupName} is null, else one group's. */
@Entity
@Table(name = "mfa_policy")
@NamedQuery(name = MfaPolicy.DEFAULT, query = "select p from MfaPolicy p where p.groupName is null")
@NamedQuery(name = MfaPolicy.FOR_GROUPS, query = "select p from MfaPolicy p where p.groupName in :groups")
@NamedQuery(name = MfaPolicy.ALL, query = "select p from MfaPolicy p order by p.groupName nulls first")
public class MfaPolicy {

    static final String DEFAULT = "MfaPolicy.default";
    static final String FOR_GROUPS = "MfaPolicy.forGroups";
    static final String ALL = "MfaPolicy.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "group_name", unique = true, length = 100)
    private String groupName;

    @Column(name = "mfa_required", nullable = false)
    private boolean mfaRequired;

    @Column(name = "grace_days", nullable = false)
    private int graceDays;

    @Column(name = "trusted_browser_days", nullable = false)
    private int trustedBrowserDays;

    @Column(name = "allowed_factors", nullable = false, length = 100)
    private String allowedFactors;

    @Column(name = "recovery_codes", nullable = false)
    private int recoveryCodes;

    @Column(name = "attestation_required", nullable = false)
    private boolean attestationRequired;

    @Column(name = "allowed_models", length = 4000)
    private String allowedModels;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected MfaPolicy() {
        // for JPA
    }

    MfaPolicy(PolicyRule rule, Instant now) {
        this.groupName = rule.group();
        apply(rule, now);
    }

    void apply(PolicyRule rule, Instant now) {
        this.mfaRequired = rule.mfaRequired();
        this.graceDays = Math.max(0, rule.graceDays());
        this.trustedBrowserDays = Math.max(0, rule.trustedBrowserDays());
        this.allowedFactors = FactorKind.format(rule.allowedFactors());
        this.recoveryCodes = Math.max(PolicyRule.MIN_RECOVERY_CODES, Math.min(PolicyRule.MAX_RECOVERY_CODES, rule.recoveryCodes()));
        this.attestationRequired = rule.attestationRequired();
        this.allowedModels = PolicyRule.formatModels(rule.allowedModels());
        this.updatedAt = now;
    }

    public PolicyRule rule() {
        return new PolicyRule(groupName, mfaRequired, graceDays, trustedBrowserDays, FactorKind.parse(allowedFactors), recoveryCodes,
                attestationRequired, PolicyRule.parseModels(allowedModels));
    }
}
