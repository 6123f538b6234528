package io.github.sgdlab.linear;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What Theta and Gradient share through their one base, and what keeps them apart. */
class ParameterArrayTest {

    @Test
    @DisplayName("equal values make equal values of one type, never a Theta equal to a Gradient")
    void equalityStaysWithinOneType() {
        Theta theta = Theta.of(1.5, -2.0);
        Gradient gradient = Gradient.of(1.5, -2.0);
        assertAll(() -> assertEquals(Theta.of(1.5, -2.0), theta),
                () -> assertEquals(Theta.of(1.5, -2.0).hashCode(), theta.hashCode()),
                () -> assertEquals(Gradient.of(1.5, -2.0), gradient),
                () -> assertNotEquals(theta, Theta.of(1.5, -2.5)),
                () -> assertNotEquals(theta, gradient),
                () -> assertNotEquals(gradient, theta));
    }

    @Test
    @DisplayName("the values are copied in and out")
    void valuesAreCopied() {
        double[] in = {1, 2, 3};
        Gradient gradient = new Gradient(in);
        Theta theta = Theta.of(in);
        in[0] = 9;
        gradient.values()[1] = 9;
        theta.values()[1] = 9;
        assertAll(() -> assertEquals(1.0, gradient.get(0)), () -> assertEquals(2.0, gradient.get(1)),
                () -> assertEquals(1.0, theta.get(0)), () -> assertEquals(2.0, theta.get(1)),
                () -> assertEquals(3, gradient.size()), () -> assertEquals(2, theta.features()));
    }

    @Test
    @DisplayName("each prints as before: θ in parentheses, a gradient as Gradient[...]; θ is checked")
    void eachKeepsItsOwnText() {
        assertAll(() -> assertEquals("(1.5, -2.0, 0.1)", Theta.of(1.5, -2.0, 0.1).toString()),
                () -> assertEquals("Gradient[-7.4, -1.0]", Gradient.of(-7.4, -1.0).toString()),
                () -> assertEquals("theta must be finite, got [NaN, 0.0]",
                        assertThrows(IllegalArgumentException.class,
                                () -> Theta.of(Double.NaN, 0)).getMessage()));
    }
}
