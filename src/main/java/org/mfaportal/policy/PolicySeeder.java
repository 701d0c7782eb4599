package org.mfaportal.policy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds the policies once, from configuration (the counterparts of "MFA required for staff" and a grace period): when
 * no default policy exists yet. Afterwards admins own the policies; configuration changes no longer apply.
 */
@Singleton
@Startup
public class PolicySeeder {

    @Inject
    PolicyService policies;

    @Inject
    @ConfigProperty(name = "mfa.policy.required-groups")
    List<String> requiredGroups;

    @Inject
    @ConfigProperty(name = "mfa.policy.grace-period")
    int graceDays;

    @Inject
    @ConfigProperty(name = "mfa.trusted-browser.days")
    int trustedBrowserDays;

    @Inject
    @ConfigProperty(name = "mfa.recovery-codes.count")
    int recoveryCodes;

    @PostConstruct
    void seedOnce() {
        if (!policies.policies().isEmpty()) {
            return;
        }
        Set<FactorKind> everyKind = EnumSet.allOf(FactorKind.class);
        policies.save(new PolicyRule(null, false, graceDays, trustedBrowserDays, everyKind, recoveryCodes), "configuration");
        requiredGroups.stream().map(String::strip).filter(group -> !group.isEmpty() && !"-".equals(group))
                .forEach(group -> policies.save(new PolicyRule(group, true, graceDays, trustedBrowserDays, everyKind, recoveryCodes), "configuration"));
    }
}
