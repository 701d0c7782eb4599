package org.mfaportal.policy;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * The stored policies as this request first read them. A sign-in asks for them at each of its checks (which factors
 * count, the grace period, the trusted-browser lifetime), each a query of the same few rows; within one request they
 * are read once. Another node's change shows from the next request on, as it would have a moment earlier. A request
 * that changes a policy itself reads from the database from then on, so it never sees the rules as they were, nor
 * changes it rolled back.
 */
@RequestScoped
class PolicyRulesOfRequest {

    private List<PolicyRule> rules;
    private boolean changedHere;

    List<PolicyRule> rules(Supplier<List<PolicyRule>> stored) {
        if (changedHere) {
            return stored.get();
        }
        if (rules == null) {
            rules = stored.get();
        }
        return rules;
    }

    void changed() {
        rules = null;
        changedHere = true;
    }
}
