package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PolicyRulesOfRequestTest {

    private final AtomicInteger reads = new AtomicInteger();
    private List<PolicyRule> stored = List.of(rule(false));
    private final Supplier<List<PolicyRule>> database = () -> {
        reads.incrementAndGet();
        return stored;
    };

    @Test
    void aRequestReadsThePoliciesOnceAndKeepsWhatItRead() {
        PolicyRulesOfRequest request = new PolicyRulesOfRequest();

        List<PolicyRule> first = request.rules(database);
        stored = List.of(rule(true)); // another node changes them meanwhile
        List<PolicyRule> second = request.rules(database);

        assertEquals(1, reads.get());
        assertEquals(first, second, "one request judges by one reading");
        assertEquals(List.of(rule(true)), new PolicyRulesOfRequest().rules(database), "the next request sees the change");
    }

    @Test
    void aRequestThatChangesAPolicyReadsTheDatabaseEveryTimeFromThenOn() {
        PolicyRulesOfRequest request = new PolicyRulesOfRequest();
        request.rules(database);

        stored = List.of(rule(true));
        request.changed();

        assertEquals(List.of(rule(true)), request.rules(database), "its own change is seen at once");
        stored = List.of(rule(false)); // its transaction rolled back
        assertEquals(List.of(rule(false)), request.rules(database), "and what the database holds afterwards, not a kept copy");
        assertEquals(3, reads.get());
    }

    private static PolicyRule rule(boolean mfaRequired) {
        return new PolicyRule(null, mfaRequired, 7, 30, EnumSet.allOf(FactorKind.class), 10);
    }
}
