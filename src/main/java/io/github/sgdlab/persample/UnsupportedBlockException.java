package io.github.sgdlab.persample;

/**
 * {@link Strategy#VECTORIZED} cannot compute per-sample gradients through a block: a parameterised
 * block with no {@link LayerSampler}, or a container whose forward pass it cannot follow. The
 * message names the block, its class and what to do.
 */
public class UnsupportedBlockException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is unsupported and what to do instead
     */
    public UnsupportedBlockException(String message) {
        super(message);
    }
}
