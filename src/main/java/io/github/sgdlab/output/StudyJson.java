package io.github.sgdlab.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.descent.Study;

import java.util.List;

/**
 * The study as JSON, as {@code study.json} holds it and {@code descend study} prints it:
 * {@code runs} (R per cell), {@code cells} (one {@link DescentJson} object per cell, in the
 * table's order) and {@code hessians}, per data set {@code lambda_max}, {@code lambda_min} and
 * {@code condition_number}.
 */
public final class StudyJson {

    private StudyJson() {}

    /**
     * The study as a JSON tree.
     *
     * @param runs R per cell
     * @param cells the cells, in table order
     * @param hessians every data set's Hessian
     * @return the object
     */
    public static JsonObject toJson(int runs, List<Study.Cell> cells,
            List<Study.Conditioning> hessians) {
        JsonObject json = new JsonObject();
        json.addProperty("runs", runs);
        JsonArray array = new JsonArray();
        for (Study.Cell cell : cells) {
            array.add(DescentJson.toJson(cell.result()));
        }
        json.add("cells", array);
        JsonObject byDataset = new JsonObject();
        for (Study.Conditioning hessian : hessians) {
            JsonObject item = new JsonObject();
            item.add("lambda_max", DescentJson.number(hessian.lambdaMax()));
            item.add("lambda_min", DescentJson.number(hessian.lambdaMin()));
            item.add("condition_number", DescentJson.number(hessian.conditionNumber()));
            byDataset.add(hessian.dataset().id(), item);
        }
        json.add("hessians", byDataset);
        return json;
    }
}
