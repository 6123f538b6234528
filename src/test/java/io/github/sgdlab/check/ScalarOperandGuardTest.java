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
    /**
     * DJL's losses multiply by scalars (L2Loss by 0.5, the others by a weight other than 1), so
     * evaluating one builds a graph on a freed scalar: no class calls their {@code evaluate}.
     */
    private static final String DJL_LOSSES = "ai/djl/training/loss/";
    /** L2Loss multiplies by 0.5 whatever its settings: making one is a graph waiting to happen. */
    private static final String L2_LOSS = "ai/djl/training/loss/L2Loss";
    /**
     * The tests of {@code PerSampleLoss.from}: they make DJL's losses only to hand them to
     * {@code from} (which rebuilds them on NDArray operands), and evaluate them forward only, as
     * the reference value, never differentiated.
     */
    private static final Set<String> FROM_TESTS = Set.of(
            "io/github/sgdlab/persample/PerSampleLossFromTest",
            "io/github/sgdlab/persample/GraphsSurviveGcTest");
    /** The reproduction of DJL's bug uses it on purpose. */
    private static final String REPRODUCTION = "io/github/sgdlab/check/DjlScalarOperandTest";

    /** The library's packages (the JDK-only writers in files/ and DP-SGD in privacy/ too). */
    private static final Set<String> LIBRARY =
            Set.of("check", "autograd", "persample", "files", "privacy");

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
                || (method.owner().startsWith(DJL_LOSSES) && method.name().equals("evaluate"))
                || makesL2Loss(method);
    }

    /** {@code Loss.l2Loss(...)} or {@code new L2Loss(...)}. */
    private static boolean makesL2Loss(MethodRef method) {
        return (method.owner().equals(L2_LOSS) && method.name().equals("<init>"))
                || (method.owner().startsWith(DJL_LOSSES) && method.name().startsWith("l2Loss"));
    }

    private static List<String> unsafeUses(Path root) {
        List<String> uses = new ArrayList<>();
        for (ConstantPool pool : ConstantPool.under(root)) {
            String name = pool.className();
            if (name.startsWith(REPRODUCTION)) {
                continue;
            }
            boolean fromTest = FROM_TESTS.contains(name.replaceAll("\\$.*", ""));
            pool.methods().stream().filter(ScalarOperandGuardTest::unsafe)
                    .filter(m -> !(fromTest && m.owner().startsWith(DJL_LOSSES)))
                    .forEach(m -> uses.add(name.replace('/', '.') + " calls " + m));
        }
        return uses;
    }

    @Test
    @DisplayName("no class of sgd-lab (main or test, every package) calls a scalar-operand op or a "
            + "DJL loss")
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
    @DisplayName("check/ refers only to sgd-lab's library packages")
    void checkKnowsOnlyTheLibrary() {
        Pattern sgdLab = Pattern.compile("io/github/sgdlab/([a-z]+)/");
        List<String> foreign = new ArrayList<>();
        boolean sawOtherPackages = false;
        for (ConstantPool pool : ConstantPool.under(classDirectory(GradCheck.class))) {
            boolean inCheck = pool.className().startsWith("io/github/sgdlab/check/");
            for (String s : pool.strings()) {
                Matcher m = sgdLab.matcher(s);
                while (m.find()) {
                    boolean library = LIBRARY.contains(m.group(1));
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
