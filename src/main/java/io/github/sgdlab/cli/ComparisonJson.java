package io.github.sgdlab.cli;

import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.BatchGradient;
import io.github.sgdlab.grad.Gradient;
import io.github.sgdlab.grad.GradientComparison;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link GradientComparison} as the JSON that {@code notebook --json} and
 * {@code gradient --json} print.
 */
final class ComparisonJson {

    private ComparisonJson() {}

    /**
     * Encodes the inputs, the four gradients and the cross-check.
     *
     * @param data the samples the gradients were taken over
     * @param result the comparison
     * @return one line of JSON
     */
    static String of(LinearData data, GradientComparison result) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("seed", Long.toString(data.seed()));
        fields.put("samples", Integer.toString(data.samples()));
        fields.put("theta0", Json.number(result.theta().theta0()));
        fields.put("theta1", Json.number(result.theta().theta1()));
        fields.put("dtype", Json.string(result.dataType().toString()));
        fields.put("batch", batch(result.batch()));
        fields.put("per_sample_average", gradient(result.perSampleAverage()));
        fields.put("per_sample_std", gradient(result.perSample().spread()));
        fields.put("reference_batch", batch(result.referenceBatch()));
        fields.put("reference_per_sample_average", gradient(result.referencePerSampleAverage()));
        Map<String, String> check = new LinkedHashMap<>();
        check.put("max_abs_diff", Json.number(result.crossCheck().maxAbsDiff()));
        check.put("tolerance", Json.number(result.crossCheck().tolerance()));
        check.put("ok", Boolean.toString(result.crossCheck().ok()));
        fields.put("cross_check", Json.object(check));
        return Json.object(fields);
    }

    private static String batch(BatchGradient batch) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grad_theta0", Json.number(batch.gradTheta0()));
        fields.put("grad_theta1", Json.number(batch.gradTheta1()));
        fields.put("loss", Json.number(batch.loss()));
        return Json.object(fields);
    }

    private static String gradient(Gradient gradient) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grad_theta0", Json.number(gradient.gradTheta0()));
        fields.put("grad_theta1", Json.number(gradient.gradTheta1()));
        return Json.object(fields);
    }
}
