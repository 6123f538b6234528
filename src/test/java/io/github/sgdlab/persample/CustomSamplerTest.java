package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.sgdlab.EngineTest;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Adding a layer type to VECTORIZED is one class: a sampler for a block of the user's own, an
 * elementwise scale {@code y = x·s}, written with the default probe (the layer's own forward plus
 * a zero leaf), agrees with the loop.
 */
class CustomSamplerTest extends EngineTest {

    /** The user's own block: {@code y = x·s}, one learnt factor per feature. */
    static final class Scale extends AbstractBlock {

        private final Parameter scale;

        Scale(long features) {
            scale = addParameter(Parameter.builder().setName("scale")
                    .setType(Parameter.Type.WEIGHT).optShape(new Shape(features)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore parameters, NDList inputs,
                boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.mul(parameters.getValue(scale, x.getDevice(), training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    /** d(x·s)/ds = x, so sample i's gradient is its g·x summed over the axes before features. */
    static final class ScaleSampler implements LayerSampler<Scale> {

        @Override
        public Class<Scale> layerType() {
            return Scale.class;
        }

        @Override
        public Map<Parameter, NDArray> perSample(Scale layer, ParameterStore parameters,
                NDList activations, NDArray backprops) {
            NDArray input = activations.singletonOrThrow();
            long samples = input.getShape().get(0);
            long features = input.getShape().getLastDimension();
            NDArray gradient = backprops.mul(input).reshape(samples, -1, features)
                    .sum(new int[] {1});
            return Map.of(layer.getDirectParameters().get("scale"), gradient);
        }
    }

    private static Block block(NDManager manager) {
        Block block = new SequentialBlock()
                .add(Linear.builder().setUnits(6).build())
                .add(new Scale(6))
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(3).build());
        Models.initialise(block, manager, DataType.FLOAT64, new Shape(1, 4));
        return block;
    }

    @Test
    @DisplayName("without its sampler a user's block is refused by name; with it VECTORIZED equals LOOP")
    void userSampler() {
        try (NDManager manager = newManager()) {
            Block block = block(manager);
            UnsupportedBlockException e = assertThrows(UnsupportedBlockException.class,
                    () -> PerSample.builder(block, PerSampleLoss.squaredError())
                            .optStrategy(Strategy.VECTORIZED).build());
            assertTrue(e.getMessage().contains("'02Scale'"), e.getMessage());

            NDList x = new NDList(manager.randomNormal(new Shape(9, 4), DataType.FLOAT64));
            NDArray y = manager.randomNormal(new Shape(9, 3), DataType.FLOAT64);
            PerSample vectorized = PerSample.builder(block, PerSampleLoss.squaredError())
                    .optStrategy(Strategy.VECTORIZED).optSampler(new ScaleSampler()).build();
            PerSample loop = PerSample.builder(block, PerSampleLoss.squaredError())
                    .optStrategy(Strategy.LOOP).build();
            try (PerSampleResult v = vectorized.compute(x, y);
                    PerSampleResult l = loop.compute(x, y)) {
                assertEquals(Strategy.VECTORIZED, v.strategy());
                assertEquals(new Shape(9, 6), v.gradient("02Scale_scale").getShape());
                for (String name : l.parameterNames()) {
                    Agreement.assertClose(l.gradient(name), v.gradient(name), name);
                }
            }
        }
    }
}
