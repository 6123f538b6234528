package io.github.sgdlab.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps an accountant has seen, as Opacus keeps them: a list of (σ, q, steps) entries,
 * consecutive steps with the same σ and q merged into one entry.
 */
final class History {

    /** One run of identical steps. */
    record Entry(double noiseMultiplier, double sampleRate, long steps) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Adds {@code steps} steps of (σ, q), merged into the last entry when that has the same σ and q. */
    synchronized void add(double noiseMultiplier, double sampleRate, long steps) {
        Arguments.noiseMultiplier(noiseMultiplier);
        Arguments.sampleRate(sampleRate);
        Arguments.steps(steps);
        int last = entries.size() - 1;
        if (last >= 0) {
            Entry entry = entries.get(last);
            if (entry.noiseMultiplier() == noiseMultiplier && entry.sampleRate() == sampleRate) {
                entries.set(last, new Entry(noiseMultiplier, sampleRate,
                        Math.addExact(entry.steps(), steps)));
                return;
            }
        }
        entries.add(new Entry(noiseMultiplier, sampleRate, steps));
    }

    /** A copy of the entries, oldest first. */
    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
