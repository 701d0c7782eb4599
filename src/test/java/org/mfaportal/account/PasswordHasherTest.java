package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mfaportal.crypto.Argon2idPasswordHash;
import org.mfaportal.crypto.PasswordHashAlgorithm;
import org.mfaportal.crypto.SlowHashInterruptedException;
import org.mfaportal.crypto.SlowHashLimiter;

/** The hasher's use of the limiter, with a fake PBKDF2 that accepts every password; no timing is asserted. */
@Timeout(60)
class PasswordHasherTest {

    private final AtomicInteger pbkdf2Calls = new AtomicInteger();
    private final PasswordHasher hasher = new PasswordHasher();

    PasswordHasherTest() {
        hasher.pbkdf2 = new AcceptingPbkdf2();
    }

    @Test
    void anInterruptedCheckNeverAcceptsThePassword() {
        assertRefusedWhileInterrupted(h -> h.verify("right".toCharArray(), "stored"));
    }

    @Test
    void anInterruptedDecoyCheckFailsLikeARealOne() {
        assertRefusedWhileInterrupted(h -> h.verifyAgainstDecoy("anything".toCharArray()));
    }

    @Test
    void anInterruptedHashIsNotComputed() {
        assertRefusedWhileInterrupted(h -> h.hash("new password".toCharArray()));
    }

    @Test
    void realAndDecoyChecksBothWaitForAFreePermit() throws Exception {
        assertWaitsForThePermit(h -> h.verify("right".toCharArray(), "stored"));
        assertWaitsForThePermit(h -> h.verifyAgainstDecoy("anything".toCharArray()));
    }

    @Test
    void aHashWithFewerIterationsThanConfiguredNeedsAnUpgrade() {
        assertTrue(PasswordHasher.needsUpgrade("PBKDF2WithHmacSHA512:1000:c2FsdA==:aGFzaA==", 210_000));
        assertFalse(PasswordHasher.needsUpgrade("PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA==", 210_000));
        assertFalse(PasswordHasher.needsUpgrade("PBKDF2WithHmacSHA512:300000:c2FsdA==:aGFzaA==", 210_000), "never downgraded");
        assertTrue(PasswordHasher.needsUpgrade("PBKDF2WithHmacSHA256:300000:c2FsdA==:aGFzaA==", 210_000));
    }

    @Test
    void eachStoredHashIsVerifiedByTheAlgorithmItNames() {
        hasher.argon2 = new Argon2idPasswordHash(new Argon2idPasswordHash.Cost(64, 1, 1));
        String argon2Hash = hasher.argon2.generate("right password".toCharArray());

        assertTrue(hasher.verify("right password".toCharArray(), argon2Hash));
        assertFalse(hasher.verify("wrong password".toCharArray(), argon2Hash),
                "judged by Argon2id, not by the PBKDF2 stand-in that accepts everything");
        assertEquals(0, pbkdf2Calls.get());

        assertTrue(hasher.verify("anything".toCharArray(), "PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA=="));
        assertEquals(1, pbkdf2Calls.get());
    }

    @Test
    void withArgon2idConfiguredNewHashesAreArgon2idAndPbkdf2HashesAreUpgraded() {
        hasher.algorithm = PasswordHashAlgorithm.ARGON2ID;
        hasher.argon2 = new Argon2idPasswordHash(new Argon2idPasswordHash.Cost(64, 2, 1));

        String fresh = hasher.hash("ｐａｓｓphrase".toCharArray());

        assertTrue(fresh.startsWith("$argon2id$v=19$m=64,t=2,p=1$"), fresh);
        assertEquals(0, pbkdf2Calls.get());
        assertTrue(hasher.verify("passphrase".toCharArray(), fresh), "hashed in NFKC form");
        assertFalse(hasher.needsUpgrade(fresh));
        assertTrue(hasher.needsUpgrade("PBKDF2WithHmacSHA512:600000:c2FsdA==:aGFzaA=="));
        assertTrue(hasher.needsUpgrade(new Argon2idPasswordHash(new Argon2idPasswordHash.Cost(64, 1, 1))
                .generate("passphrase".toCharArray())), "fewer passes than configured");
    }

    @Test
    void passwordsAreHashedInNfkcForm() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        hasher.pbkdf2 = new AcceptingPbkdf2() {
            @Override
            public String generate(char[] password) {
                seen.add(new String(password));
                return "hash";
            }

            @Override
            public boolean verify(char[] password, String hashedPassword) {
                seen.add(new String(password));
                return true;
            }
        };
        hasher.hash("ｐａｓｓ".toCharArray());
        hasher.verify("cafe\u0301".toCharArray(), "hash");

        assertEquals(java.util.List.of("pass", "caf\u00e9"), seen);
    }

    private void assertRefusedWhileInterrupted(Consumer<PasswordHasher> check) {
        Thread.currentThread().interrupt();
        try {
            assertThrows(SlowHashInterruptedException.class, () -> check.accept(hasher));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals(0, pbkdf2Calls.get(), "no hash was computed");
    }

    private void assertWaitsForThePermit(Consumer<PasswordHasher> check) throws Exception {
        SlowHashLimiter onlyOne = new SlowHashLimiter(1);
        hasher.limiter = onlyOne;
        int callsBefore = pbkdf2Calls.get();
        CountDownLatch permitHeld = new CountDownLatch(1);
        CountDownLatch releasePermit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> onlyOne.compute(() -> {
                permitHeld.countDown();
                awaitUninterruptibly(releasePermit);
                return "held";
            }));
            permitHeld.await();
            Future<?> waiting = threads.submit(() -> check.accept(hasher));
            while (onlyOne.waitingCount() < 1) {
                Thread.onSpinWait();
            }
            assertEquals(callsBefore, pbkdf2Calls.get(), "the check waits while the permit is taken");
            releasePermit.countDown();
            waiting.get();
            assertEquals(callsBefore + 1, pbkdf2Calls.get());
            holder.get();
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // only the test's own threads wait here; the latch is always counted down
            }
        }
    }

    private class AcceptingPbkdf2 implements Pbkdf2PasswordHash {
        @Override
        public String generate(char[] password) {
            pbkdf2Calls.incrementAndGet();
            return "hash";
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            pbkdf2Calls.incrementAndGet();
            return true;
        }
    }
}
