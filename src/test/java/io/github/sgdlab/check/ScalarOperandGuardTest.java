package io.github.sgdlab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.check.ConstantPool.MethodRef;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Static rules over the compiled classes: no graph is built on DJL 0.36's scalar-operand methods
 * (see {@link DjlScalarOperandTest}), and the {@code check} package refers to no lab or
 * application package.
 */
class ScalarOperandGuardTest {

    private static final Set<String> ARRAY_TYPES = Set.of("ai/djl/ndarray/NDArray",
            "ai/djl/ndarray/NDArrays", "ai/djl/ndarray/NDArrayAdapter",
            "ai/djl/pytorch/engine/PtNDArray");
    /** The methods whose Number form autograd keeps: mul, div, pow, maximum, minimum, in place too. */
    private static final Pattern SAVED_SCALAR_OPS =
            Pattern.compile("(mul|div|pow|maximum|minimum)i?");
    /** DJL's losses multiply by scalars (L2Loss by 0.5, the others by their weight). */
    private static final String DJL_LOSSES = "ai/djl/training/loss/";
    /** The reproduction of DJL's bug uses it on purpose. */
    private static final String REPRODUCTION = "io/github/sgdlab/check/DjlScalarOperandTest";
    /** The lib helper's package, checked by its own rules. */
    private static final String PER_SAMPLE = "io/github/sgdlab/persample/";

    static Path classDirectory(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean unsafe(MethodRef method) {
        return (ARRAY_TYPES.contains(method.owner())
                && SAVED_SCALAR_OPS.matcher(method.name()).matches()
                && method.descriptor().contains("Ljava/lang/Number;"))
                || method.owner().startsWith(DJL_LOSSES);
    }

    private static List<String> unsafeUses(Path root) {
        List<String> uses = new ArrayList<>();
        for (ConstantPool pool : ConstantPool.under(root)) {
            String name = pool.className();
            if (name.startsWith(PER_SAMPLE) || name.startsWith(REPRODUCTION)) {
                continue;
            }
            pool.methods().stream().filter(ScalarOperandGuardTest::unsafe)
                    .forEach(m -> uses.add(name.replace('/', '.') + " calls " + m));
        }
        return uses;
    }

    @Test
    @DisplayName("no class outside persample/ (main or test) calls a scalar-operand op or a DJL loss")
    void noGraphOnScalarOperands() {
        List<String> uses = new ArrayList<>(unsafeUses(classDirectory(GradCheck.class)));
        uses.addAll(unsafeUses(classDirectory(ScalarOperandGuardTest.class)));
        assertEquals(List.of(), uses, "DJL 0.36 frees the scalar of NDArray.mul/div/pow/maximum"
                + "(Number) while autograd still needs it; use an NDArray operand kept open until "
                + "after backward (src/site/markdown/djl-pitfalls.md)");
    }

    @Test
    @DisplayName("the rule is not vacuous: it finds the deliberate use in DJL's bug reproduction")
    void ruleFindsTheReproduction() {
        boolean found = ConstantPool.under(classDirectory(ScalarOperandGuardTest.class)).stream()
                .filter(p -> p.className().equals(REPRODUCTION))
                .flatMap(p -> p.methods().stream())
                .anyMatch(m -> unsafe(m) && m.name().equals("mul"));
        assertTrue(found, "DjlScalarOperandTest calls x.mul(3.0), the rule must see it");
    }

    @Test
    @DisplayName("check/ refers only to itself, autograd/ and persample/ of sgd-lab")
    void checkKnowsOnlyTheLibrary() {
        Pattern sgdLab = Pattern.compile("io/github/sgdlab/([a-z]+)/");
        List<String> foreign = new ArrayList<>();
        boolean sawOtherPackages = false;
        for (ConstantPool pool : ConstantPool.under(classDirectory(GradCheck.class))) {
            boolean inCheck = pool.className().startsWith("io/github/sgdlab/check/");
            for (String s : pool.strings()) {
                Matcher m = sgdLab.matcher(s);
                while (m.find()) {
                    boolean library = Set.of("check", "autograd", "persample")
                            .contains(m.group(1));
                    if (inCheck && !library) {
                        foreign.add(pool.className() + " -> " + m.group(1) + "/");
                    }
                    sawOtherPackages |= !inCheck && !library;
                }
            }
        }
        assertTrue(sawOtherPackages, "the scan sees the lab's packages elsewhere");
        assertEquals(List.of(), foreign);
    }
}
