package org.mfaportal.crypto;

/**
 * A thread was interrupted while it waited to compute a slow hash (see {@link SlowHashLimiter}). Thrown rather than
 * answered with "no match", so that an interrupted password or recovery-code check neither lets anyone in nor counts
 * as a wrong guess against the account.
 */
public final class SlowHashInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SlowHashInterruptedException(InterruptedException cause) {
        super("Interrupted while waiting to compute a slow hash", cause);
    }
}
