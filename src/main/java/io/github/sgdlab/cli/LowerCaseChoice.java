package io.github.sgdlab.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum constant spelled in lower case on the command line ({@code vectorized} for
 * {@code VECTORIZED}), from a fixed set of allowed constants.
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
}
