package org.mfaportal.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mfaportal.account.AccountAccessRevoked;

/** Test deployments only: the AccountAccessRevoked events fired, as the sessions observers would receive them. */
@ApplicationScoped
public class RevocationRecorder {

    public record Revocation(String username, AccountAccessRevoked.Reason reason, String keepSessionId, String actor) {
    }

    private final List<Revocation> fired = new CopyOnWriteArrayList<>();

    void record(@Observes AccountAccessRevoked revoked) {
        fired.add(new Revocation(revoked.user().getUsername(), revoked.reason(), revoked.keepSessionId(), revoked.actor()));
    }

    public List<Revocation> of(String username) {
        return fired.stream().filter(revocation -> revocation.username().equals(username)).toList();
    }
}
