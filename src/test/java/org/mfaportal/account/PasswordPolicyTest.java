package org.mfaportal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mfaportal.account.PasswordPolicy.Reason;

/** NIST SP 800-63B-4 password rules, without a container; the shipped common-password list included. */
class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy(12, CommonPasswords.shipped());

    private static Optional<Reason> reason(String password) {
        return POLICY.check(password, "alice", "alice.archer@example.test").map(PasswordPolicy.Refusal::reason);
    }

    @Test
    void theShippedListHoldsAtLeastAHundredThousandPasswords() {
        assertTrue(CommonPasswords.shipped().entries() >= 100_000, "entries: " + CommonPasswords.shipped().entries());
    }

    @Test
    void theListIsLoadedOnce() {
        assertTrue(CommonPasswords.shipped() == CommonPasswords.shipped());
    }

    @Test
    void aLongEnoughUncommonPasswordIsAccepted() {
        assertEquals(Optional.empty(), reason("violet tractor umbrella"));
    }

    @Test
    void elevenCharactersAreTooShortTwelveAreEnough() {
        assertEquals(Optional.of(Reason.TOO_SHORT), reason("zq8-vy3-pw4"));
        assertEquals(Optional.empty(), reason("zq8-vy3-pw4k"));
    }

    @Test
    void theMinimumComesFromTheConfigurationAndIsNamedInTheRefusal() {
        PasswordPolicy sixteen = new PasswordPolicy(16, CommonPasswords.shipped());

        PasswordPolicy.Refusal refusal = sixteen.check("zq8-vy3-pw4k", "alice", null).orElseThrow();

        assertEquals(Reason.TOO_SHORT, refusal.reason());
        assertEquals(16, refusal.arguments()[0]);
        assertEquals("password.refused.TOO_SHORT", refusal.messageKey());
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // six emoji are twelve UTF-16 chars, but six characters
        assertEquals(Optional.of(Reason.TOO_SHORT), reason("\uD83D\uDE00".repeat(6)));
        assertEquals(Optional.empty(), reason("\uD83D\uDE00\uD83C\uDF35".repeat(6)));
    }

    @Test
    void sixtyFourCharactersAndMoreAreAllowedUpToTheMaximum() {
        assertEquals(Optional.empty(), reason("q".repeat(30) + " long passphrase " + "z".repeat(17)));
        String longest = "abcdefghij-klmnopqrstuvwxyz ".repeat(10).substring(0, PasswordPolicy.MAX_LENGTH);
        assertEquals(Optional.empty(), reason(longest));
        assertEquals(Optional.of(Reason.TOO_LONG), reason(longest + "x"));
        assertEquals(Optional.of(Reason.TOO_LONG), reason("x".repeat(PasswordPolicy.MAX_INPUT_LENGTH + 1)));
    }

    @Test
    void anyUnicodeIsAllowedAndNoCompositionRuleApplies() {
        assertEquals(Optional.empty(), reason("пароль без цифр"));
        assertEquals(Optional.empty(), reason("すべてひらがなのぱすわーど"));
        assertEquals(Optional.empty(), reason("only lower case letters here"));
    }

    @Test
    void anEntryOfTheCommonPasswordListIsRefusedWhateverItsCase() {
        assertTrue(CommonPasswords.shipped().contains("qwerty123456"));
        assertEquals(Optional.of(Reason.COMMON), reason("qwerty123456"));
        assertEquals(Optional.of(Reason.COMMON), reason("QWERTY123456"));
        assertEquals(Optional.of(Reason.COMMON), reason("1qaz2wsx3edc"));
    }

    @Test
    void aFullWidthSpellingOfACommonPasswordIsTheSamePassword() {
        // NFKC turns full-width letters and digits into ASCII
        assertEquals(Optional.of(Reason.COMMON), reason("ｑｗｅｒｔｙ１２３４５６"));
    }

    @Test
    void normalisationMakesComposedAndDecomposedAccentsEqual() {
        String composed = "caf\u00e9 au lait chaud";
        String decomposed = "cafe\u0301 au lait chaud";

        assertEquals(PasswordPolicy.normalize(composed), PasswordPolicy.normalize(decomposed));
        assertEquals(PasswordPolicy.normalize("ｐａｓｓ"), "pass");
    }

    @Test
    void thePasswordMayNotBeOrContainTheUsername() {
        PasswordPolicy policy = new PasswordPolicy(8, CommonPasswords.shipped());
        assertEquals(Optional.of(Reason.CONTAINS_USERNAME), policy.check("margarethe", "margarethe", null).map(PasswordPolicy.Refusal::reason));
        assertEquals(Optional.of(Reason.CONTAINS_USERNAME), reason("my name is ALICE, ok?"));
        assertEquals(Optional.of(Reason.CONTAINS_USERNAME), reason("ａｌｉｃｅ in wonderland"));
    }

    @Test
    void thePasswordMayNotBeOrContainTheEmailAddressOrItsLocalPart() {
        PasswordPolicy policy = new PasswordPolicy(8, CommonPasswords.shipped());
        String email = "ivy.staff@example.test";
        assertEquals(Optional.of(Reason.CONTAINS_EMAIL), policy.check("Ivy.Staff@Example.test", "istaff", email).map(PasswordPolicy.Refusal::reason));
        assertEquals(Optional.of(Reason.CONTAINS_EMAIL), policy.check("x ivy.staff 2026", "istaff", email).map(PasswordPolicy.Refusal::reason));
        assertEquals(Optional.empty(), policy.check("violet tractor umbrella", "istaff", email));
    }

    @Test
    void aVeryShortUsernameInsideALongPasswordIsNoReasonToRefuse() {
        assertEquals(Optional.empty(), POLICY.check("violet tractor umbrella", "al", null));
    }

    @Test
    void noPasswordIsTooShort() {
        assertEquals(Reason.TOO_SHORT, POLICY.check(null, "alice", null).orElseThrow().reason());
        assertFalse(POLICY.check("", "alice", null).isEmpty());
    }
}
