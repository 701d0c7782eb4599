package org.mfaportal.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mfaportal.bench.users.SeededUser;
import org.mfaportal.bench.users.UsersFile;

/**
 * The seeded users a run signs in as, handed out in turn so sign-ins spread over all of them. A user is out with one
 * virtual user at a time; one whose codes are used up for now is skipped until time (the next TOTP step) frees it.
 */
final class UserRoster implements AutoCloseable {

    private final SignInFlow flow;
    private final Deque<RosterEntry> waiting;
    private final int size;
    private final UsageLedger ledger;
    private final Target target;

    private UserRoster(SignInFlow flow, Deque<RosterEntry> waiting, UsageLedger ledger, Target target) {
        this.flow = flow;
        this.target = target;
        this.waiting = waiting;
        this.size = waiting.size();
        this.ledger = ledger;
    }

    /**
     * The users fit for the flow (with an authenticator app for the second-factor flows, without one for the password
     * flow, since the portal asks everyone with an app for a code), at most {@code limit}, with the codes spent in
     * earlier runs taken from the ledger.
     */
    static UserRoster load(Path usersFile, SignInFlow flow, int limit) throws IOException {
        return load(usersFile, flow, limit, Target.PORTAL);
    }

    /** The same for {@code target}, with that system's own ledger of used codes ({@link Target#usageLedgerOf}). */
    static UserRoster load(Path usersFile, SignInFlow flow, int limit, Target target) throws IOException {
        Map<String, RosterEntry> byUsername = new HashMap<>();
        Deque<RosterEntry> fit = new ArrayDeque<>();
        for (SeededUser user : UsersFile.read(usersFile)) {
            if (user.app().isPresent() == flow.usesAppUsers() && fit.size() < limit) {
                RosterEntry entry = new RosterEntry(user);
                fit.add(entry);
                byUsername.put(user.username(), entry);
            }
        }
        if (fit.isEmpty()) {
            throw new IllegalArgumentException(usersFile + " has no users for --flow " + flow.optionValue());
        }
        Path ledgerFile = target.usageLedgerOf(usersFile);
        List<UsageLedger.Entry> spent = UsageLedger.read(ledgerFile);
        for (UsageLedger.Entry entry : spent) {
            Optional.ofNullable(byUsername.get(entry.username())).ifPresent(user -> {
                if (entry.kind().equals(UsageLedger.TOTP_STEP)) {
                    user.totpStepUsed(Long.parseLong(entry.value()));
                } else if (entry.kind().equals(UsageLedger.RECOVERY_CODE)) {
                    user.recoveryCodeUsed(entry.value());
                }
            });
        }
        return new UserRoster(flow, fit, UsageLedger.appendingTo(ledgerFile), target);
    }

    int size() {
        return size;
    }

    /** The next user who can sign in now, or empty when every waiting user has used their codes for now. */
    synchronized Optional<RosterEntry> take(Instant now) {
        for (int tried = 0; tried < waiting.size(); tried++) {
            RosterEntry next = waiting.removeFirst();
            if (next.canSignIn(flow, now)) {
                return Optional.of(next);
            }
            waiting.addLast(next);
        }
        return Optional.empty();
    }

    synchronized void giveBack(RosterEntry entry) {
        waiting.addLast(entry);
    }

    String takeSecondFactorCode(RosterEntry entry, Instant now) {
        return entry.takeSecondFactorCode(flow, now, ledger, target);
    }

    @Override
    public void close() throws IOException {
        ledger.close();
    }
}
