package org.mfaportal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void firstFailuresCostNothing() {
        for (int failures = 0; failures <= LoginThrottle.FREE_FAILURES; failures++) {
            assertEquals(Duration.ZERO, LoginThrottle.delayAfter(failures));
        }
    }

    @Test
    void delayDoublesFromThirtySecondsUpToFifteenMinutes() {
        assertEquals(Duration.ofSeconds(30), LoginThrottle.delayAfter(5));
        assertEquals(Duration.ofMinutes(1), LoginThrottle.delayAfter(6));
        assertEquals(Duration.ofMinutes(2), LoginThrottle.delayAfter(7));
        assertEquals(Duration.ofMinutes(8), LoginThrottle.delayAfter(9));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delayAfter(10));
        assertEquals(Duration.ofMinutes(15), LoginThrottle.delayAfter(1_000_000));
    }
}
