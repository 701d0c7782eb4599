package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one form of a username. */
class UserAccountTest {

    @Test
    void caseAndFullWidthSpellingsAreOneUsername() {
        assertEquals("alice", UserAccount.normalizeUsername("Alice"));
        assertEquals("alice", UserAccount.normalizeUsername("ＡＬＩＣＥ"));
        assertEquals("alice", UserAccount.normalizeUsername("ａｌｉｃｅ"));
        assertEquals(UserAccount.normalizeUsername("Alice"), UserAccount.normalizeUsername("ａｌｉｃｅ"));
    }

    @Test
    void surroundingSpaceIsNotPartOfTheUsername() {
        assertEquals("alice", UserAccount.normalizeUsername("  alice\t"));
        // the ideographic space becomes a space under NFKC, then is stripped
        assertEquals("alice", UserAccount.normalizeUsername("\u3000alice"));
    }

    @Test
    void composedAndDecomposedAccentsAreOneUsername() {
        assertEquals(UserAccount.normalizeUsername("Ren\u00e9"), UserAccount.normalizeUsername("Rene\u0301"));
    }

    @Test
    void noUsernameIsEmpty() {
        assertEquals("", UserAccount.normalizeUsername(null));
    }
}
