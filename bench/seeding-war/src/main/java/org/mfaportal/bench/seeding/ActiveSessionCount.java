package org.mfaportal.bench.seeding;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live HTTP sessions of the portal. Every sign-in leaves one behind until it times out or the user signs out, so the
 * heap after a load run is only comparable with its baseline together with this number.
 */
@WebListener
public class ActiveSessionCount implements HttpSessionListener {

    private static final AtomicInteger LIVE = new AtomicInteger();

    static int current() {
        return LIVE.get();
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        LIVE.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        LIVE.decrementAndGet();
    }
}
