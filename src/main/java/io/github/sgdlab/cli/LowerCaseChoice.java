package io.github.sgdlab.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum constant spelled in lower case on the command line ({@code vectorized} for
 * {@code VECTORIZED}), from a fixed set of allowed constants: the one place where the command
 * line's names of enum constants are spelled and read ({@link #spelling}, {@link #choose}); the
 * library and the lab carry the constants themselves.
 *
 * @param <E> the enum
 */
abstract class LowerCaseChoice<E extends Enum<E>> implements ITypeConverter<E> {

    private final String what;
    private final E[] allowed;

    @SafeVarargs
    LowerCaseChoice(String what, E... allowed) {
        this.what = what;
        this.allowed = allowed.clone();
    }

    @Override
    public E convert(String value) {
        for (E choice : allowed) {
            if (spelling(choice).equals(value)) {
                return choice;
            }
        }
        throw new TypeConversionException("unknown " + what + " '" + value + "': expected "
                + Arrays.stream(allowed).map(LowerCaseChoice::spelling)
                        .collect(Collectors.joining(" or ")));
    }

    /**
     * How a constant is spelled on the command line.
     *
     * @param choice the constant
     * @return its name in lower case
     */
    static String spelling(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a constant given as a plain option value, for the options that are checked after
     * parsing ({@code descend --method} and {@code --dataset}).
     *
     * @param <E> the enum
     * @param what what the value names, for the message
     * @param value the value as given
     * @param allowed the constants to choose from, all of them
     * @return the constant spelled {@code value}
     * @throws IllegalArgumentException naming the value and the choices, as
     *     {@code unknown method 'x': expected full, sgd or minibatch}
     */
    static <E extends Enum<E>> E choose(String what, String value, E[] allowed) {
        for (E choice : allowed) {
            if (spelling(choice).equals(value)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "': expected "
                + choices(spellings(allowed)));
    }

    /**
     * How constants are spelled on the command line.
     *
     * @param allowed the constants
     * @return their spellings, in order
     */
    static List<String> spellings(Enum<?>[] allowed) {
        return Arrays.stream(allowed).map(LowerCaseChoice::spelling).toList();
    }

    /**
     * The choices as a message lists them.
     *
     * @param names the names, at least one
     * @return e.g. {@code full, sgd or minibatch}
     */
    static String choices(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or "
                        + names.get(names.size() - 1);
    }
}
