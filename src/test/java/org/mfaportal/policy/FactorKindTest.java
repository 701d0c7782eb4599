package org.mfaportal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactorKindTest {

    @Test
    void theStoredFormRoundTrips() {
        Set<FactorKind> kinds = EnumSet.of(FactorKind.PASSKEY, FactorKind.TOTP);

        assertEquals("TOTP,PASSKEY", FactorKind.format(kinds));
        assertEquals(kinds, FactorKind.parse(FactorKind.format(kinds)));
    }

    @Test
    void unknownOrMessyNamesAreIgnoredNotFatal() {
        assertEquals(EnumSet.of(FactorKind.SECURITY_KEY), FactorKind.parse(" security_key ,SMS,,"));
        assertEquals(EnumSet.noneOf(FactorKind.class), FactorKind.parse(null));
    }
}
