package org.mfaportal.bench.load;

/** Told when each step of a sign-in starts and ends, e.g. to attribute server CPU to steps. */
interface StepObserver {

    StepObserver NONE = new StepObserver() {
        @Override
        public void started(SignInStep step) {
        }

        @Override
        public void finished(SignInStep step) {
        }
    };

    void started(SignInStep step);

    void finished(SignInStep step);
}
