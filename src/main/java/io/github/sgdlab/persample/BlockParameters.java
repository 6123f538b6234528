package io.github.sgdlab.persample;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A block's parameters as one call sees them: each trainable {@link Parameter} once, under the
 * first name {@code block.getParameters()} gives it, and frozen ones set apart.
 *
 * <p>A parameter shared by two blocks (tied weights) is one {@code Parameter} listed under two
 * names: its gradient is the sum of both uses, so it is reported once, or norms would count it
 * twice. A parameter whose {@code requiresGradient()} is false ({@code block.freezeParameters(true)})
 * is frozen: it is used as a constant and gets no gradient. Read on every call, since a block may
 * be frozen or unfrozen between calls.
 */
final class BlockParameters {

    /**
     * One trainable parameter.
     *
     * @param name its first name in the block
     * @param parameter the parameter
     */
    record Entry(String name, Parameter parameter) {}

    private final List<Entry> trainable;
    private final Map<String, String> names;
    private final Set<String> frozen;

    private BlockParameters(List<Entry> trainable, Map<String, String> names, Set<String> frozen) {
        this.trainable = trainable;
        this.names = names;
        this.frozen = frozen;
    }

    /**
     * Reads a block's parameters now.
     *
     * @param block the block
     * @return its trainable parameters, each once, and its frozen ones' names
     */
    static BlockParameters of(Block block) {
        List<Entry> trainable = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> firstNameById = new HashMap<>();
        Set<String> frozen = new LinkedHashSet<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            if (!parameter.requiresGradient()) {
                frozen.add(pair.getKey());
                continue;
            }
            String first = firstNameById.putIfAbsent(parameter.getId(), pair.getKey());
            if (first == null) {
                trainable.add(new Entry(pair.getKey(), parameter));
                names.put(pair.getKey(), pair.getKey());
            } else {
                names.put(pair.getKey(), first);
            }
        }
        return new BlockParameters(Collections.unmodifiableList(trainable),
                Collections.unmodifiableMap(names), Collections.unmodifiableSet(frozen));
    }

    /**
     * The trainable parameters, each once, in the block's order.
     *
     * @return the entries
     */
    List<Entry> trainable() {
        return trainable;
    }

    /**
     * Whether a parameter gets a gradient in this call.
     *
     * @param parameter a parameter of the block
     * @return true if it is trainable
     */
    static boolean isTrainable(Parameter parameter) {
        return parameter.requiresGradient();
    }

    /**
     * The name a trainable parameter is reported under, for any of its names.
     *
     * @param name a name as {@code block.getParameters()} gives it
     * @return its first name, or null if the name is frozen or unknown
     */
    String canonical(String name) {
        return names.get(name);
    }

    /**
     * Whether a name is a frozen parameter's.
     *
     * @param name a parameter name
     * @return true for a frozen parameter
     */
    boolean isFrozen(String name) {
        return frozen.contains(name);
    }

    /**
     * Throws unless some parameter is trainable.
     *
     * @throws IllegalArgumentException if every parameter is frozen
     */
    void requireTrainable() {
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("the block has no trainable parameters: every "
                    + "parameter is frozen (requiresGradient() is false), so there is no gradient "
                    + "to compute; unfreeze some with block.freezeParameters(false)");
        }
    }
}
