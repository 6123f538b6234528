package io.github.sgdlab.descent;

import java.util.Objects;

/**
 * A descent setting out of range: which setting, and what is wrong with it, apart, so that a
 * user interface can name the setting in its own words (the command line names its flag).
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The settings of a descent ({@link DescentConfig}, {@link PrivateSettings}), by what they mean. */
    public enum Setting {
        /** The start θ_0. */
        START("the start theta"),
        /** The learning rate η. */
        LEARNING_RATE("learning rate"),
        /** The momentum μ. */
        MOMENTUM("momentum"),
        /** The mini-batch size B. */
        BATCH("batch"),
        /** The number of runs. */
        RUNS("runs"),
        /** The first run's shuffle seed. */
        SHUFFLE_SEED("shuffle seed"),
        /** The stopping rule's tolerance ε. */
        EPS("eps"),
        /** The maximum number of epochs M. */
        MAX_EPOCHS("max epochs"),
        /** The autograd's working type. */
        DATA_TYPE("data type"),
        /** DP-SGD's per-sample clipping norm C. */
        CLIP("clipping norm"),
        /** DP-SGD's noise multiplier σ. */
        NOISE("noise multiplier"),
        /** The δ at which a private descent's ε is reported. */
        DELTA("delta");

        private final String words;

        Setting(String words) {
            this.words = words;
        }

        /**
         * The setting in words, as messages begin.
         *
         * @return e.g. {@code learning rate}
         */
        public String words() {
            return words;
        }
    }

    /** The setting that is out of range. */
    private final Setting setting;

    /** What is wrong, without the setting's name. */
    private final String problem;

    /**
     * Names the setting and its problem.
     *
     * @param setting the setting
     * @param problem what is wrong, e.g. {@code must be positive and finite, got -1.0}
     */
    public InvalidSettingException(Setting setting, String problem) {
        super(setting.words() + " " + problem);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * The setting that is out of range.
     *
     * @return the setting
     */
    public Setting setting() {
        return setting;
    }

    /**
     * What is wrong with it, without its name.
     *
     * @return e.g. {@code must be positive and finite, got -1.0}
     */
    public String problem() {
        return problem;
    }
}
