package org.layercanvas.engine;

import java.util.List;
import java.util.Objects;
import org.layercanvas.data.DataException;
import org.layercanvas.data.UnsetKey;

/**
 * Whether a design can be trained now, and if not, why: the result of {@link RunLauncher#readiness}.
 * The window shows it as it is (state, what the data is, each problem on a line); the command line
 * refuses with the same problems.
 *
 * @param state where the check stands
 * @param description what the data is once it loaded, e.g. {@code iris.csv: 150 samples (…)}; else empty
 * @param problems what stops training, in the order the checks ran; empty unless {@link State#BLOCKED}
 * @param warnings what does not stop training but a person should know before it starts, e.g. a
 *     class the training split has no sample of; shown beside the state, never disabling Train
 */
public record Readiness(State state, String description, List<Problem> problems, List<String> warnings) {

    /** Where a check stands. */
    public enum State {
        /** A check is under way (the window's state while it runs one); what it will say is not known. */
        CHECKING,
        /** The design can be trained on its data. */
        READY,
        /** Something stops training; {@link Readiness#problems()} says what. */
        BLOCKED
    }

    /** What kind of thing stops a run, so a caller can add its own hint (the Data panel, {@code --data}). */
    public enum Cause {
        /** The training section (or an override) is refused. */
        SETTINGS("Settings"),
        /** The design has errors (its diagnostics say which). */
        DESIGN(""),
        /** The design has no dataset section. */
        NO_DATASET(""),
        /** The dataset section is refused, or its data does not load. */
        DATA("Data"),
        /** The data loads but does not fit the design (input shape, classes, label type, token ids). */
        MISMATCH("Mismatch"),
        /**
         * A run folder cannot be resumed or started from: not a run, no checkpoint or weights, a design
         * changed since it trained, or no layer in common with the design.
         */
        RUN(""),
        /** A run cannot go on: it has trained every epoch it is asked to. */
        TRAINED(""),
        /**
         * A run started from another run's weights cannot take them: a layer's parameters have other
         * shapes in the design than in that run.
         */
        CHANGED("");

        private final String heading;

        Cause(String heading) {
            this.heading = heading;
        }
    }

    /**
     * One thing that stops a run.
     *
     * @param cause what kind of thing it is
     * @param message what is wrong, naming what and where, e.g. {@code training.epochs: expected …}
     * @param unset the dataset key the section must have and does not (nothing chosen yet for it, e.g.
     *     no data file), so that a caller can say where to choose it; null for every other problem
     */
    public record Problem(Cause cause, String message, UnsetKey unset) {
        public Problem {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(message, "message");
        }

        /** Creates a problem that is not about an unset dataset key. */
        public Problem(Cause cause, String message) {
            this(cause, message, null);
        }

        /** Returns the problem of data that cannot be used, with the key that is not set when that is why. */
        static Problem of(DataException e) {
            return new Problem(Cause.DATA, e.getMessage(), e.unset().orElse(null));
        }

        /** Returns the problem as a person reads it in a list: {@code Data: dataset.file: missing}. */
        public String text() {
            return cause.heading.isEmpty() ? message : cause.heading + ": " + message;
        }
    }

    public Readiness {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        if ((state == State.BLOCKED) == problems.isEmpty()) {
            throw new IllegalArgumentException(state + " with " + problems.size() + " problems");
        }
    }

    /** Creates a result without warnings. */
    public Readiness(State state, String description, List<Problem> problems) {
        this(state, description, problems, List.of());
    }

    /** Returns the state while a check runs, keeping the data's description from the check before. */
    public static Readiness checking(String description) {
        return new Readiness(State.CHECKING, description, List.of());
    }

    /** Returns whether the design can be trained. */
    public boolean isReady() {
        return state == State.READY;
    }

    /** Returns each problem as a person reads it, in order. */
    public List<String> messages() {
        return problems.stream().map(Problem::text).toList();
    }

    /** Returns the first problem as a person reads it (why Train is disabled), or empty text when there is none. */
    public String blocker() {
        return problems.isEmpty() ? "" : problems.get(0).text();
    }
}
