package io.github.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A regression data set with d features: n samples of a feature vector {@code x_i} (d values)
 * and a target {@code y_i}, for the model {@code ŷ = θ0 + θ1·x_i1 + … + θd·x_id}. The user's own
 * data, from arrays or a CSV file; {@link LinearData} stays the notebook's generated set, and
 * {@link LinearData#features()} is its view as this type with d = 1.
 *
 * <p>Immutable. The values are stored column by column, one primitive array per feature, so
 * 10^7 samples of 3 features take 320 MB.
 */
public final class FeatureData {

    /** The most samples a data set may hold, as for generated data. */
    public static final int MAX_SAMPLES = 10_000_000;

    private final List<String> featureNames;
    private final String targetName;
    private final double[][] columns;
    private final double[] y;

    /** Takes ownership of the arrays: callers hand over fresh, checked copies. */
    FeatureData(List<String> featureNames, String targetName, double[][] columns, double[] y) {
        this.featureNames = List.copyOf(featureNames);
        this.targetName = targetName;
        this.columns = columns;
        this.y = y;
    }

    /**
     * A data set from arrays, its features named {@code x1 … xd} and its target {@code y}.
     *
     * @param x the samples' features, {@code x[i][j]} the j-th feature of sample i (numpy's
     *     {@code X} of shape (n, d))
     * @param y the targets, one per sample
     * @return the data set
     * @throws IllegalArgumentException if the arrays are empty, ragged or of different lengths,
     *     hold a NaN or an infinity, or there are more features than samples
     */
    public static FeatureData of(double[][] x, double[] y) {
        int d = x.length == 0 ? 0 : x[0].length;
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return of(names, x, Columns.DEFAULT_TARGET, y);
    }

    /**
     * A data set from arrays, with names for its columns.
     *
     * @param featureNames the features' names, d of them, distinct
     * @param x the samples' features, {@code x[i][j]} the j-th feature of sample i
     * @param targetName the target's name, not among the features'
     * @param y the targets, one per sample
     * @return the data set
     * @throws IllegalArgumentException if the arrays are empty, ragged or of different lengths,
     *     hold a NaN or an infinity, there are more features than samples, or the names clash
     */
    public static FeatureData of(
            List<String> featureNames, double[][] x, String targetName, double[] y) {
        Objects.requireNonNull(targetName, "targetName");
        int n = y.length;
        int d = featureNames.size();
        if (n == 0 || x.length != n) {
            throw new IllegalArgumentException(
                    "x and y must have the same, non-zero number of samples; got "
                            + x.length + " and " + n);
        }
        if (n > MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "at most " + MAX_SAMPLES + " samples, got " + n);
        }
        if (d == 0) {
            throw new IllegalArgumentException("need at least one feature");
        }
        Set<String> seen = new HashSet<>();
        for (String name : featureNames) {
            if (!seen.add(Objects.requireNonNull(name, "feature name"))) {
                throw new IllegalArgumentException(
                        "feature name '" + NumberCell.echo(name) + "' appears twice");
            }
        }
        if (seen.contains(targetName)) {
            throw new IllegalArgumentException(
                    "'" + NumberCell.echo(targetName) + "' is both the target and a feature");
        }
        checkIdentifiable(d, n);
        double[][] columns = new double[d][n];
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("sample " + i + " has " + x[i].length
                        + " features, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                columns[j][i] = finite(x[i][j], featureNames.get(j), i);
            }
            target[i] = finite(y[i], targetName, i);
        }
        return new FeatureData(featureNames, targetName, columns, target);
    }

    /**
     * Reads a CSV file: a header row naming the columns, then one row per sample (UTF-8, a
     * byte-order mark and CRLF line ends allowed; the accepted format is in
     * {@code src/site/markdown/csv-data.md}).
     *
     * @param path the file
     * @param columns which columns are the target and the features
     * @return the data set
     * @throws DataFileException if the file is missing, unreadable or not a valid data file;
     *     its message is {@code PATH:LINE: what is wrong}
     */
    public static FeatureData fromCsv(Path path, Columns columns) throws DataFileException {
        return CsvFeatureReader.read(path, columns);
    }

    /**
     * Reads CSV from a byte stream, decoded strictly as UTF-8 (invalid bytes are an error, named
     * with their line). The stream is read to its end but not closed.
     *
     * @param in the bytes, for example standard input
     * @param source the name to give in error messages, for example {@code <stdin>}
     * @param columns which columns are the target and the features
     * @return the data set
     * @throws DataFileException if the input is not a valid data file
     */
    public static FeatureData fromCsv(InputStream in, String source, Columns columns)
            throws DataFileException {
        return CsvFeatureReader.read(in, source, columns);
    }

    /**
     * Reads CSV from characters already decoded; a leading byte-order mark is skipped. The reader
     * is read to its end but not closed.
     *
     * @param reader the text
     * @param source the name to give in error messages
     * @param columns which columns are the target and the features
     * @return the data set
     * @throws DataFileException if the text is not a valid data file
     */
    public static FeatureData fromCsv(Reader reader, String source, Columns columns)
            throws DataFileException {
        return CsvFeatureReader.read(reader, source, columns);
    }

    /**
     * Refuses more features than samples: the least-squares minimiser would not be unique.
     *
     * @param d the number of features
     * @param n the number of samples
     * @throws IllegalArgumentException if d > n
     */
    static void checkIdentifiable(int d, int n) {
        if (d > n) {
            throw new IllegalArgumentException(identifiability(d, n));
        }
    }

    /** The message for {@link #checkIdentifiable}, shared with the CSV reader. */
    static String identifiability(int d, int n) {
        return d + " features but only " + n + (n == 1 ? " sample" : " samples")
                + ": with more features than samples the least-squares minimiser is not unique";
    }

    private static double finite(double value, String column, int sample) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    column + "[" + sample + "] is " + value + "; values must be finite");
        }
        return value;
    }

    /**
     * How many samples the set holds.
     *
     * @return n
     */
    public int samples() {
        return y.length;
    }

    /**
     * How many features each sample has.
     *
     * @return d
     */
    public int features() {
        return columns.length;
    }

    /**
     * The features' names, in the order θ1…θd take them.
     *
     * @return the names, unmodifiable
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The target's name.
     *
     * @return the name
     */
    public String targetName() {
        return targetName;
    }

    /**
     * One feature value, without copying.
     *
     * @param i the sample's index
     * @param j the feature's index, from 0 (θ's index j + 1)
     * @return {@code x[i][j]}
     */
    public double x(int i, int j) {
        return columns[j][i];
    }

    /**
     * A copy of one feature over all samples.
     *
     * @param j the feature's index, from 0
     * @return the column
     */
    public double[] feature(int j) {
        return columns[j].clone();
    }

    /**
     * One feature over all samples as a read-only view, without copying: for handing 10^7
     * samples to native code without another 80 MB copy.
     *
     * @param j the feature's index, from 0
     * @return the column, positioned at sample 0
     */
    public DoubleBuffer featureView(int j) {
        return DoubleBuffer.wrap(columns[j]).asReadOnlyBuffer();
    }

    /**
     * The targets as a read-only view, without copying.
     *
     * @return y, positioned at sample 0
     */
    public DoubleBuffer yView() {
        return DoubleBuffer.wrap(y).asReadOnlyBuffer();
    }

    /**
     * One target value, without copying.
     *
     * @param i the sample's index
     * @return {@code y[i]}
     */
    public double y(int i) {
        return y[i];
    }

    /**
     * A copy of the targets.
     *
     * @return y
     */
    public double[] y() {
        return y.clone();
    }

    /**
     * Equal when the names and all values are equal.
     *
     * @param other the object to compare with
     * @return whether both hold the same data
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureData that
                && featureNames.equals(that.featureNames)
                && targetName.equals(that.targetName)
                && Arrays.deepEquals(columns, that.columns)
                && Arrays.equals(y, that.y);
    }

    /**
     * A hash of the names and values, consistent with {@link #equals}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(featureNames, targetName, Arrays.deepHashCode(columns),
                Arrays.hashCode(y));
    }

    /**
     * The shape and the names, not the values.
     *
     * @return e.g. {@code FeatureData[40 samples, y ~ x1]}
     */
    @Override
    public String toString() {
        return "FeatureData[" + y.length + " samples, " + targetName + " ~ "
                + String.join(" + ", featureNames) + "]";
    }
}
