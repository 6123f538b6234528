package io.github.sgdlab.persample;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

/** Questions about a block tree that both strategies ask before they run. */
final class BlockTree {

    private BlockTree() {}

    /**
     * Refuses blocks that mix samples: batch normalisation normalises each sample with the whole
     * batch's statistics, so one sample's loss depends on the others and its "own" gradient is not
     * defined (Opacus refuses it for the same reason).
     *
     * @param block the root of the tree
     * @throws IllegalArgumentException naming the first such block
     */
    static void refuseSampleMixing(Block block) {
        refuseSampleMixing(block, "the block");
    }

    private static void refuseSampleMixing(Block block, String path) {
        if (block instanceof BatchNorm) {
            throw new IllegalArgumentException(describe(path, block) + " mixes samples: batch "
                    + "normalisation scales each sample by statistics of the whole batch, so one "
                    + "sample's gradient depends on the others and per-sample gradients are not "
                    + "defined; use LayerNorm (or no normalisation) instead");
        }
        for (Pair<String, Block> child : block.getChildren()) {
            refuseSampleMixing(child.getValue(), child.getKey());
        }
    }

    /**
     * How messages name a block: its name in its parent and its class.
     *
     * @param path the block's name in its parent, or "the block" for the root
     * @param block the block
     * @return for example {@code block '02BatchNorm' (ai.djl.nn.norm.BatchNorm)}
     */
    static String describe(String path, Block block) {
        String name = path.equals("the block") ? path : "block '" + path + "'";
        return name + " (" + block.getClass().getName() + ")";
    }
}
