package io.github.sgdlab.check;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a {@link GradCheck} found: for each checked input or parameter, its worst element (the one
 * whose error came closest to, or furthest past, its tolerance), or in fast mode its projection
 * {@code vᵀ J u} and, where that failed, its worst element too.
 */
public final class GradCheckResult {

    private final List<ElementCheck> checks;
    private final boolean fastMode;
    private final double eps;
    private final double atol;
    private final double rtol;

    GradCheckResult(List<ElementCheck> checks, boolean fastMode, double eps, double atol,
            double rtol) {
        this.checks = List.copyOf(checks);
        this.fastMode = fastMode;
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /**
     * Whether every checked value agreed within its tolerance.
     *
     * @return true if the check passed
     */
    public boolean passed() {
        return checks.stream().allMatch(ElementCheck::passed);
    }

    /**
     * The compared values: one per checked input or parameter, in order (plus the worst element
     * after each failed fast-mode projection).
     *
     * @return an unmodifiable list
     */
    public List<ElementCheck> checks() {
        return checks;
    }

    /**
     * The compared values that failed.
     *
     * @return an unmodifiable list, empty if the check passed
     */
    public List<ElementCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Whether fast mode (random projections) was used.
     *
     * @return true in fast mode
     */
    public boolean fastMode() {
        return fastMode;
    }

    /**
     * A readable table: the settings and verdict, one row per compared value, then for every
     * failure torch's "Jacobian mismatch" paragraph with both values.
     *
     * @return the report, lines ended by {@code '\n'}
     */
    public String report() {
        long inputs = checks.stream().mapToInt(ElementCheck::inputIndex).distinct().count();
        long failedInputs = failures().stream().mapToInt(ElementCheck::inputIndex).distinct()
                .count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Gradient check (%s; eps %s, atol %s, rtol %s): %s\n",
                fastMode ? "fast mode, random projections v^T J u" : "full Jacobian",
                eps, atol, rtol,
                failedInputs == 0 ? "passed, " + inputs + " of " + inputs + " inputs"
                        : "FAILED, " + failedInputs + " of " + inputs + " inputs"));
        String row = "%-24s %-9s %-7s %-24s %-24s %-10s %-10s %-10s %s\n";
        out.append(String.format(Locale.ROOT, row, "input/parameter", "element", "output",
                "analytical", "numerical", "abs err", "rel err", "tolerance", "").stripTrailing())
                .append('\n');
        for (ElementCheck c : checks) {
            out.append(String.format(Locale.ROOT, row, c.name(),
                    c.isProjection() ? "v^T J u" : String.valueOf(c.flatIndex()),
                    c.isProjection() ? "" : String.valueOf(c.outputIndex()),
                    c.analytical(), c.numerical(), sci(c.absError()), sci(c.relError()),
                    sci(c.tolerance()), c.passed() ? "ok" : "FAIL"));
        }
        for (ElementCheck c : failures()) {
            out.append('\n');
            if (c.isProjection()) {
                out.append(String.format(Locale.ROOT,
                        "Jacobian mismatch with respect to input %d (%s) in fast mode, "
                                + "projection v^T J u:\n", c.inputIndex(), c.name()));
            } else {
                out.append(String.format(Locale.ROOT,
                        "Jacobian mismatch for output %d with respect to input %d (%s), "
                                + "element %d:\n",
                        c.outputIndex(), c.inputIndex(), c.name(), c.flatIndex()));
            }
            out.append(String.format(Locale.ROOT, "numerical:  %s\nanalytical: %s\n"
                    + "|analytical - numerical| = %s > atol + rtol * |numerical| = %s\n",
                    c.numerical(), c.analytical(), sci(c.absError()), sci(c.tolerance())));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return report();
    }

    private static String sci(double value) {
        return String.format(Locale.ROOT, "%.2e", value);
    }
}
