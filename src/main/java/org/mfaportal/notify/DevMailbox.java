package org.mfaportal.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Dev mode has no mail server: the mails the portal would send land here (newest first, the last {@value #CAPACITY}),
 * so a developer running the README's run command can follow an invitation or a password-reset link. Never used
 * outside dev mode.
 */
@ApplicationScoped
public class DevMailbox {

    static final int CAPACITY = 50;

    /** One mail as it would have been sent. */
    public record DevMail(Instant sentAt, String to, String subject, String body) {
    }

    private final Deque<DevMail> mails = new ArrayDeque<>();

    public synchronized void deliver(DevMail mail) {
        mails.addFirst(mail);
        while (mails.size() > CAPACITY) {
            mails.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<DevMail> mails() {
        return List.copyOf(mails);
    }
}
