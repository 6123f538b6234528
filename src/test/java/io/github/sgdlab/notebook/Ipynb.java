package io.github.sgdlab.notebook;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jupyter notebook file (nbformat 4): its code cells, their sources and their stored standard
 * output, and a way to write new outputs back.
 */
final class Ipynb {

    /** Jupyter's own layout: one-space indents, no HTML escaping. */
    private static final Gson GSON = new GsonBuilder()
            .setFormattingStyle(FormattingStyle.PRETTY.withIndent(" "))
            .disableHtmlEscaping()
            .create();

    /** One code cell. */
    record CodeCell(int index, Integer executionCount, String source, List<String> storedOutput) {

        /**
         * The cell's name for messages, {@code In [10]}, or its position if it has no count.
         *
         * @return the label
         */
        String label() {
            return executionCount != null ? "In [" + executionCount + "]" : "code cell #" + index;
        }
    }

    private final Path path;
    private final JsonObject json;

    private Ipynb(Path path, JsonObject json) {
        this.path = path;
        this.json = json;
    }

    static Ipynb read(Path path) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(path, StandardCharsets.UTF_8))
                .getAsJsonObject();
        if (json.get("nbformat").getAsInt() != 4) {
            throw new IllegalArgumentException(path + ": only nbformat 4 is supported");
        }
        return new Ipynb(path, json);
    }

    Path path() {
        return path;
    }

    JsonObject kernelspec() {
        return json.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
    }

    List<CodeCell> codeCells() {
        List<CodeCell> cells = new ArrayList<>();
        int index = 0;
        for (JsonElement element : json.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement count = cell.get("execution_count");
            cells.add(new CodeCell(index++,
                    count == null || count.isJsonNull() ? null : count.getAsInt(),
                    text(cell.get("source")),
                    storedStdout(cell.getAsJsonArray("outputs"))));
        }
        return cells;
    }

    /**
     * Replaces each code cell's outputs with one stdout stream holding the given lines (none if
     * empty), and writes the file.
     *
     * @param outputs one list of lines per code cell, in order
     * @throws IOException if the file cannot be written
     */
    void writeOutputs(List<List<String>> outputs) throws IOException {
        int index = 0;
        for (JsonElement element : json.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonArray stored = new JsonArray();
            List<String> lines = outputs.get(index++);
            if (!lines.isEmpty()) {
                JsonObject stream = new JsonObject();
                stream.addProperty("name", "stdout");
                stream.addProperty("output_type", "stream");
                JsonArray text = new JsonArray();
                lines.forEach(line -> text.add(line + "\n"));
                stream.add("text", text);
                stored.add(stream);
            }
            cell.add("outputs", stored);
        }
        Files.writeString(path, GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    }

    /** Stored stdout lines; any other kind of stored output is refused, so none goes unchecked. */
    private List<String> storedStdout(JsonArray outputs) {
        StringBuilder text = new StringBuilder();
        for (JsonElement element : outputs) {
            JsonObject output = element.getAsJsonObject();
            String type = output.get("output_type").getAsString();
            if (!"stream".equals(type) || !"stdout".equals(output.get("name").getAsString())) {
                throw new IllegalArgumentException(path + ": stored output of type " + type
                        + " is not supported; cells may only print to stdout");
            }
            text.append(text(output.get("text")));
        }
        return lines(text.toString());
    }

    /** nbformat stores multi-line strings either whole or as a list of lines. */
    private static String text(JsonElement element) {
        if (element.isJsonPrimitive()) {
            return element.getAsString();
        }
        StringBuilder text = new StringBuilder();
        element.getAsJsonArray().forEach(part -> text.append(part.getAsString()));
        return text.toString();
    }

    /**
     * Splits printed text into lines, without the empty string after a final newline.
     *
     * @param text printed text
     * @return its lines
     */
    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
