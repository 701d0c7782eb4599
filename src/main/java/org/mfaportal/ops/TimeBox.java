package org.mfaportal.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a health probe with a deadline, so a database that does not answer (a dead host, a lock) makes the check say
 * DOWN in time instead of hanging the probe. A probe still stuck from an earlier call is not started again: probes
 * every few seconds must not pile up threads waiting on the same dead connection.
 */
@ApplicationScoped
public class TimeBox {

    @Resource
    ManagedExecutorService executor;

    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();

    /** The probe's answer, or why there is none: it failed, it took longer than {@code limit}, or it is still stuck. */
    public <T> Outcome<T> run(String name, Duration limit, Callable<T> probe) {
        Future<?> earlier = running.get(name);
        if (earlier != null && !earlier.isDone()) {
            return Outcome.failed("the previous check has not finished yet");
        }
        Future<T> future = executor.submit(probe);
        running.put(name, future);
        try {
            return Outcome.of(future.get(limit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Outcome.failed("no answer within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Outcome.failed(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
        }
    }

    /**
     * The exception's type and, when it wraps another, the innermost cause's type, SQL state and first message line:
     * what the driver said (refused, unknown host, locked), without a stack trace.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + (root == failure ? "" : " caused by " + root.getClass().getSimpleName())
                + (root instanceof java.sql.SQLException sql && sql.getSQLState() != null ? " [SQL state " + sql.getSQLState() + "]" : "")
                + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse(""));
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** A probe's value, or the reason it has none. */
    public record Outcome<T>(T value, String failure) {

        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> failed(String why) {
            return new Outcome<>(null, why);
        }

        public boolean succeeded() {
            return failure == null;
        }
    }
}
