package io.github.sgdlab.privacy;

/**
 * The grid a privacy random variable is discretised on (Opacus's {@code Domain}): {@code size}
 * points from {@code tMin} to {@code tMax}, and how far the grid has been shifted from where it
 * was created.
 */
record PrvDomain(double tMin, double tMax, int size, double shifts) {

    PrvDomain {
        if (size % 2 != 0) {
            throw new IllegalStateException("domain size must be even, got " + size);
        }
    }

    /** A grid aligned to multiples of {@code dt} covering [tMin, tMax], of even size. */
    static PrvDomain createAligned(double tMin, double tMax, double dt) {
        double lo = Math.floor(tMin / dt) * dt;
        double hi = Math.ceil(tMax / dt) * dt;
        double points = Math.rint((hi - lo) / dt) + 1;
        if (points > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the PRV grid would need " + (long) points
                    + " points: too many steps or too small a delta for this accountant");
        }
        int size = (int) points;
        if ((size & 1) == 1) {
            size += 1;
            hi += dt;
        }
        PrvDomain domain = new PrvDomain(lo, hi, size, 0.0);
        if (Math.abs(domain.dt() - dt) / dt >= 1e-8) {
            throw new IllegalStateException("PRV grid spacing drifted from " + dt);
        }
        return domain;
    }

    /** The same grid moved right by {@code d}. */
    PrvDomain shiftRight(double d) {
        return new PrvDomain(tMin + d, tMax + d, size, shifts + d);
    }

    /** The spacing. */
    double dt() {
        return (tMax - tMin) / (size - 1);
    }

    /** Grid point {@code i}, as numpy's {@code linspace(tMin, tMax, size)} makes it. */
    double t(int i) {
        return i == size - 1 ? tMax : i * ((tMax - tMin) / (size - 1)) + tMin;
    }
}
