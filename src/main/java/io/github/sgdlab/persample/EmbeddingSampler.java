package io.github.sgdlab.persample;

import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;

import java.util.Map;

/**
 * Per-sample gradients of the embeddings whose forward pass looks up one row of a table
 * {@code W [V, D]} for each integer index: DJL's {@link TrainableWordEmbedding} (the concrete
 * {@code ai.djl.nn.core.Embedding}, PyTorch's {@code embedding}) and {@link IdEmbedding} (a
 * {@code gatherNd} of the table). The output at position p is {@code W[idx_p]}, so sample i's
 * gradient of the table is {@code dW_i[v] = Σ g_i[p]} over sample i's positions p with
 * {@code idx_p = v} (Opacus's {@code embedding.py}): an index that occurs twice in a sample gets
 * both positions' gradients, and a row no index of the sample names gets zero.
 *
 * <p>All samples in one batched product: {@code onehot(idx)ᵀ [n, V, L]} times
 * {@code g [n, L, D]}. Every product is g times exactly 1 or 0 and adding a zero changes nothing,
 * so an index that occurs once gets its row of g bit for bit, and repeated ones are summed with
 * only the roundings of those sums. Opacus scatter-adds instead; DJL has no scatter-add (its
 * {@code scatter} and {@code put} overwrite, which would drop all but one of a repeated index's
 * contributions). The price: L multiply-adds for each element of the result where a scatter-add
 * writes it once, and a one-hot array of {@code n·L·V} elements, L/D of the result's size; and a
 * non-finite gradient at one position spreads NaN over that column of the sample's whole table
 * ({@code 0·∞}), where the loop keeps it to the one row.
 *
 * <p>{@code Embedding}'s sparse gradient format ({@code SparseFormat.COO}) changes only how a
 * backward pass stores the table's gradient; here the table is a constant and the gradient is read
 * at the output, so it changes nothing and needs no refusing.
 *
 * @param <B> the embedding class
 */
final class EmbeddingSampler<B extends Block> implements LayerSampler<B> {

    private final Class<B> layerType;

    private EmbeddingSampler(Class<B> layerType) {
        this.layerType = layerType;
    }

    /**
     * The sampler of {@link TrainableWordEmbedding}, DJL's trainable {@code Embedding}.
     *
     * @return the sampler
     */
    static EmbeddingSampler<TrainableWordEmbedding> words() {
        return new EmbeddingSampler<>(TrainableWordEmbedding.class);
    }

    /**
     * The sampler of {@link IdEmbedding}, the transformer package's embedding of token ids.
     *
     * @return the sampler
     */
    static EmbeddingSampler<IdEmbedding> ids() {
        return new EmbeddingSampler<>(IdEmbedding.class);
    }

    @Override
    public Class<B> layerType() {
        return layerType;
    }

    @Override
    public Map<Parameter, NDArray> perSample(
            B layer, ParameterStore parameters, NDList activations, NDArray backprops) {
        // Both classes read their indices from the first input and call their table "embedding".
        NDArray indices = activations.head();
        Parameter embedding = layer.getDirectParameters().get("embedding");
        NDArray table = parameters.getValue(embedding, indices.getDevice(), false);
        long samples = indices.getShape().get(0);
        int rows = Math.toIntExact(table.getShape().get(0));
        NDArray oneHot = indices.reshape(samples, -1).oneHot(rows, backprops.getDataType());
        NDArray g = backprops.reshape(samples, -1, table.getShape().get(1));
        return Map.of(embedding, oneHot.transpose(0, 2, 1).matMul(g));
    }
}
