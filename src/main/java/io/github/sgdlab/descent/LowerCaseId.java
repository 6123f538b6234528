package io.github.sgdlab.descent;

import java.util.Locale;

/**
 * The lab's enums' names in reports and files ({@code summary.json}, {@code study.json},
 * {@code study.md}): the constant in lower case, e.g. {@code minibatch} for
 * {@link Method#MINIBATCH}. One rule for {@link Dataset}, {@link Method} and {@link Outcome}; a
 * user interface reads and spells names in its own place.
 */
public interface LowerCaseId {

    /**
     * The constant's name, as {@link Enum#name()} gives it.
     *
     * @return e.g. {@code NOT_CONVERGED}
     */
    String name();

    /**
     * The name in reports and files.
     *
     * @return the constant's name in lower case, e.g. {@code not_converged}
     */
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
