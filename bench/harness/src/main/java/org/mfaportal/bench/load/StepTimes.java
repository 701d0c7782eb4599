package org.mfaportal.bench.load;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The wall time of each request of one sign-in, told to the step observer too (which attributes server CPU). */
final class StepTimes {

    /** One request of the sign-in. */
    interface Request {
        Page send() throws IOException, InterruptedException;
    }

    private final StepObserver observer;
    private final Map<SignInStep, Long> nanos = new EnumMap<>(SignInStep.class);

    StepTimes(StepObserver observer) {
        this.observer = observer;
    }

    Page time(SignInStep step, Request request) throws IOException, InterruptedException {
        observer.started(step);
        long started = System.nanoTime();
        try {
            return request.send();
        } finally {
            nanos.merge(step, System.nanoTime() - started, Long::sum);
            observer.finished(step);
        }
    }

    Map<SignInStep, Long> nanos() {
        return Collections.unmodifiableMap(new EnumMap<>(nanos));
    }
}
