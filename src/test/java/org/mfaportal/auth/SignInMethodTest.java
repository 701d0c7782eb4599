package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInMethodTest {

    @Test
    void theAuditDetailNamesTheMethodAndReadsBack() {
        for (SignInMethod method : SignInMethod.values()) {
            assertEquals(Optional.of(method), SignInMethod.ofAuditDetail(method.auditDetail()));
        }
    }

    @Test
    void detailsFromBeforeMethodsWereRecordedNameNone() {
        assertTrue(SignInMethod.ofAuditDetail(null).isEmpty());
        assertTrue(SignInMethod.ofAuditDetail("something else").isEmpty());
    }

    @Test
    void everySecondFactorHasItsMethod() {
        for (SecondFactorResult.SecondFactorKind kind : SecondFactorResult.SecondFactorKind.values()) {
            assertEquals(kind.name(), SignInMethod.of(kind).name());
        }
    }
}
