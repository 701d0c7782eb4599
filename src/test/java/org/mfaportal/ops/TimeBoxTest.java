package org.mfaportal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TimeBoxTest {

    @Test
    void aFailureIsDescribedByWhatTheDriverSaidWithoutAStackTrace() {
        Exception failure = new IllegalStateException("pool", new SQLException("Connection refused\n\tat somewhere", "08001"));

        assertEquals("IllegalStateException caused by SQLException [SQL state 08001]: Connection refused", TimeBox.describe(failure));
    }

    @Test
    void aLongMessageIsCut() {
        assertTrue(TimeBox.describe(new RuntimeException("x".repeat(1000))).length() <= 300);
    }
}
