package org.mfaportal.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test deployments only: remembers every {@link AccountAccessRevoked} fired, to prove who fires it and with what. */
@ApplicationScoped
public class RevocationRecorder {

    private final List<AccountAccessRevoked> fired = new CopyOnWriteArrayList<>();

    void record(@Observes AccountAccessRevoked revoked) {
        fired.add(revoked);
    }

    public List<AccountAccessRevoked> of(String username) {
        return fired.stream().filter(revoked -> revoked.user().getUsername().equals(username)).toList();
    }
}
