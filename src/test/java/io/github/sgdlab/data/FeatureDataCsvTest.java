package io.github.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading CSV: every bad input the issue lists, and every oddity a user's file may have. */
class FeatureDataCsvTest {

    @TempDir
    Path dir;

    private static FeatureData read(String text, Columns columns) throws DataFileException {
        return read(text.getBytes(StandardCharsets.UTF_8), columns);
    }

    private static FeatureData read(byte[] bytes, Columns columns) throws DataFileException {
        return FeatureData.fromCsv(new ByteArrayInputStream(bytes), "d.csv", columns);
    }

    private static String failure(String text, Columns columns) {
        return assertThrows(DataFileException.class, () -> read(text, columns)).getMessage();
    }

    static Stream<Arguments> badInput() {
        Columns all = Columns.defaults();
        return Stream.of(
                Arguments.of("empty file", "", all,
                        "d.csv:1: empty file: expected a header row naming the columns"),
                Arguments.of("blank lines only", "\n\r\n\n", all,
                        "d.csv:1: empty file: expected a header row naming the columns"),
                Arguments.of("header only", "x1,y\n", all,
                        "d.csv:1: no data rows: the file has a header and nothing else"),
                Arguments.of("non-numeric cell", "x1,y\n1,2\n3,abc\n", all,
                        "d.csv:3: column 'y': 'abc' is not a number"),
                Arguments.of("decimal comma, quoted", "x1,y\n\"1,5\",2\n", all,
                        "d.csv:2: column 'x1': '1,5' is not a number"),
                Arguments.of("hexadecimal", "x1,y\n0x1p3,2\n", all,
                        "d.csv:2: column 'x1': '0x1p3' is not a number"),
                Arguments.of("digit separator", "x1,y\n1_000,2\n", all,
                        "d.csv:2: column 'x1': '1_000' is not a number"),
                Arguments.of("Java suffix", "x1,y\n1.5d,2\n", all,
                        "d.csv:2: column 'x1': '1.5d' is not a number"),
                Arguments.of("exponent without digits", "x1,y\n1e,2\n", all,
                        "d.csv:2: column 'x1': '1e' is not a number"),
                Arguments.of("a lone point", "x1,y\n.,2\n", all,
                        "d.csv:2: column 'x1': '.' is not a number"),
                Arguments.of("empty cell", "x1,y\n1,2\n,4\n", all,
                        "d.csv:3: column 'x1': empty cell"),
                Arguments.of("blank cell", "x1,y\n1,  \n", all,
                        "d.csv:2: column 'y': empty cell"),
                Arguments.of("empty quoted cell", "x1,y\n1,\"\"\n", all,
                        "d.csv:2: column 'y': empty cell"),
                Arguments.of("too few cells", "x1,y\n1,2\n3\n", all,
                        "d.csv:3: 1 cell but the header has 2 columns"),
                Arguments.of("too many cells", "x1,y\n1,2\n3,4,5\n", all,
                        "d.csv:3: 3 cells but the header has 2 columns"),
                Arguments.of("trailing comma", "x1,y\n1,2,\n", all,
                        "d.csv:2: 3 cells but the header has 2 columns"),
                Arguments.of("NaN", "x1,y\n1,NaN\n", all,
                        "d.csv:2: column 'y': 'NaN' is not a finite number"),
                Arguments.of("nan", "x1,y\nnan,1\n", all,
                        "d.csv:2: column 'x1': 'nan' is not a finite number"),
                Arguments.of("Infinity", "x1,y\n1,Infinity\n", all,
                        "d.csv:2: column 'y': 'Infinity' is not a finite number"),
                Arguments.of("-inf", "x1,y\n-inf,1\n", all,
                        "d.csv:2: column 'x1': '-inf' is not a finite number"),
                Arguments.of("overflow", "x1,y\n1,1e309\n", all,
                        "d.csv:2: column 'y': '1e309' is too large for a double"),
                Arguments.of("negative overflow", "x1,y\n-2e308,1\n", all,
                        "d.csv:2: column 'x1': '-2e308' is too large for a double"),
                Arguments.of("duplicate column names", "x1,y,x1\n1,2,3\n", all,
                        "d.csv:1: duplicate column name 'x1' (columns 1 and 3)"),
                Arguments.of("duplicate after trimming", "x1, x1 ,y\n1,2,3\n", all,
                        "d.csv:1: duplicate column name 'x1' (columns 1 and 2)"),
                Arguments.of("unnamed column (a pandas index)", ",x1,y\n0,1,2\n", all,
                        "d.csv:1: column 1 has no name; every column needs one"
                                + " (from pandas, write the file with index=False)"),
                Arguments.of("the target is no column", "x1,y\n1,2\n", all.optTarget("z"),
                        "d.csv:1: target column 'z' is not in the header (columns: x1, y)"),
                Arguments.of("a feature is no column", "x1,y\n1,2\n",
                        all.optFeatures(List.of("x2")),
                        "d.csv:1: feature column 'x2' is not in the header (columns: x1, y)"),
                Arguments.of("the target chosen as a feature", "x1,x2,y\n1,2,3\n4,5,6\n",
                        all.optTarget("x1").optFeatures(List.of("x1", "x2")),
                        "d.csv:1: column 'x1' is both the target and a feature"),
                Arguments.of("the default target chosen as a feature", "x1,y\n1,2\n",
                        all.optFeatures(List.of("y")),
                        "d.csv:1: column 'y' is both the target and a feature"),
                Arguments.of("a feature chosen twice", "x1,x2,y\n1,2,3\n4,5,6\n",
                        all.optFeatures(List.of("x1", "x1")),
                        "d.csv:1: feature column 'x1' is chosen twice"),
                Arguments.of("zero features: one column", "y\n1\n2\n", all,
                        "d.csv:1: no feature columns: the target is 'y' and the header has no"
                                + " other column"),
                Arguments.of("zero features: none chosen", "x1,y\n1,2\n",
                        all.optFeatures(List.of()),
                        "d.csv:1: no feature columns: the target is 'y' and the chosen features"
                                + " are none"),
                Arguments.of("more features than rows", "a,b,c,y\n1,2,3,4\n5,6,7,8\n", all,
                        "d.csv:1: 3 features but only 2 samples: with more features than"
                                + " samples the least-squares minimiser is not unique"),
                Arguments.of("quote never closed", "x1,y\n1,2\n3,\"4\n5,6\n", all,
                        "d.csv:3: a quoted cell starts on this line and is never closed"),
                Arguments.of("text after a closing quote", "x1,y\n1,2\n3,\"4\"5\n", all,
                        "d.csv:3: text after the closing quote of a quoted cell"),
                Arguments.of("line numbers count skipped blank lines", "x1,y\n\n1,2\n\n\n3,x\n",
                        all, "d.csv:6: column 'y': 'x' is not a number"),
                Arguments.of("CRLF line numbers", "x1,y\r\n1,2\r\n3,x\r\n", all,
                        "d.csv:3: column 'y': 'x' is not a number"),
                Arguments.of("CR line numbers", "x1,y\r1,2\r3,x\r", all,
                        "d.csv:3: column 'y': 'x' is not a number"),
                Arguments.of("a line end inside a cell stays one line in the message",
                        "x1,y\n1,\"2\n\"\n", all, "d.csv:3: column 'y': '2\\n' is not a number"),
                Arguments.of("long cells are cut in the message",
                        "x1,y\n1," + "9".repeat(30) + "z" + "9".repeat(30) + "\n", all,
                        "d.csv:2: column 'y': '" + "9".repeat(30) + "z999999...'"
                                + " is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @DisplayName("bad input fails with PATH:LINE: what is wrong")
    void rejects(String name, String text, Columns columns, String expected) {
        assertEquals(expected, failure(text, columns));
    }

    @Test
    @DisplayName("a refused choice of columns says which rule it breaks, the column and the header")
    void columnChoiceIsTyped() {
        ColumnChoiceException e = assertThrows(ColumnChoiceException.class,
                () -> read("x1,x2,y\n1,2,3\n", Columns.defaults().optFeatures(List.of("x2", "x2"))));
        assertAll(() -> assertEquals(ColumnChoiceException.Reason.REPEATED_FEATURE, e.reason()),
                () -> assertEquals("x2", e.column()),
                () -> assertEquals(List.of("x1", "x2", "y"), e.header()),
                () -> assertEquals(1, e.line()),
                () -> assertEquals("feature column 'x2' is chosen twice", e.problem()));
        ColumnChoiceException target = assertThrows(ColumnChoiceException.class,
                () -> read("x1,y\n1,2\n", Columns.defaults().optTarget("z\n")));
        assertAll(() -> assertEquals(ColumnChoiceException.Reason.UNKNOWN_TARGET, target.reason()),
                () -> assertEquals("z\n", target.column()),
                () -> assertEquals("z\\n", target.columnAsShown()));
    }

    @Test
    @DisplayName("the selection describes itself by target and features")
    void columnsToString() {
        assertEquals("Columns[target price, features area,rooms]", Columns.defaults()
                .optTarget("price").optFeatures(List.of("area", "rooms")).toString());
        assertEquals("Columns[target (default), features (default)]",
                Columns.defaults().toString());
    }

    @Test
    @DisplayName("a missing file is named, with line 0")
    void missingFile() {
        Path path = dir.resolve("none.csv");
        DataFileException e = assertThrows(DataFileException.class,
                () -> FeatureData.fromCsv(path, Columns.defaults()));
        assertEquals(path + ":0: no such file", e.getMessage());
        assertAll(() -> assertEquals(path.toString(), e.source()),
                () -> assertEquals(0, e.line()),
                () -> assertEquals("no such file", e.problem()));
    }

    @Test
    @DisplayName("a directory is refused")
    void directory() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> FeatureData.fromCsv(dir, Columns.defaults()));
        assertEquals(dir + ":0: is a directory, not a data file", e.getMessage());
    }

    @Test
    @DisplayName("a file without read permission is refused (skipped as root, who reads all)")
    void unreadableFile() throws IOException {
        Path path = Files.writeString(dir.resolve("locked.csv"), "x1,y\n1,2\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("-w-------"));
        assumeFalse(Files.isReadable(path), "root can read any file");
        DataFileException e = assertThrows(DataFileException.class,
                () -> FeatureData.fromCsv(path, Columns.defaults()));
        assertEquals(path + ":0: cannot read the file: permission denied", e.getMessage());
    }

    @Test
    @DisplayName("a stream that fails while being read is reported with the line reached")
    void readFailure() {
        InputStream failing = new InputStream() {
            private final byte[] head = "x1,y\n1,2\n".getBytes(StandardCharsets.US_ASCII);
            private int next;

            @Override
            public int read() throws IOException {
                if (next < head.length) {
                    return head[next++];
                }
                throw new IOException("Input/output error");
            }
        };
        DataFileException e = assertThrows(DataFileException.class,
                () -> FeatureData.fromCsv(failing, "d.csv", Columns.defaults()));
        assertEquals("d.csv:3: cannot read: Input/output error", e.getMessage());
    }

    @Test
    @DisplayName("more than 10^7 rows are refused at the first row too many")
    void tooManyRows() {
        int rows = FeatureData.MAX_SAMPLES + 1;
        InputStream in = new InputStream() {
            private final byte[] header = "x1,y\n".getBytes(StandardCharsets.US_ASCII);
            private final byte[] row = "1,2\n".getBytes(StandardCharsets.US_ASCII);
            private long position;
            private final long size = header.length + (long) rows * row.length;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long p = position++;
                return p < header.length ? header[(int) p]
                        : row[(int) ((p - header.length) % row.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        break;
                    }
                    b[off + n++] = (byte) c;
                }
                return n == 0 ? -1 : n;
            }
        };
        DataFileException e = assertThrows(DataFileException.class,
                () -> FeatureData.fromCsv(in, "big.csv", Columns.defaults()));
        assertEquals("big.csv:" + (rows + 1) + ": more than 10000000 rows, the most a data file"
                + " may hold", e.getMessage());
    }

    @Test
    @DisplayName("exactly 10^7 rows are accepted")
    void maximumRows() throws DataFileException {
        StringBuilder text = new StringBuilder("x1,y\n");
        byte[] head = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 4 * FeatureData.MAX_SAMPLES];
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i += 4) {
            bytes[i] = '1';
            bytes[i + 1] = ',';
            bytes[i + 2] = '2';
            bytes[i + 3] = '\n';
        }
        FeatureData data = read(bytes, Columns.defaults());
        assertEquals(FeatureData.MAX_SAMPLES, data.samples());
        assertEquals(2.0, data.y(FeatureData.MAX_SAMPLES - 1));
    }

    /** n rows of "i,i+0.5", with row {@code at} (1-based, after the header) replaced. */
    private static String rows(int n, int at, String replacement) {
        StringBuilder text = new StringBuilder("x1,y\n");
        for (int i = 1; i <= n; i++) {
            text.append(i == at ? replacement : i + "," + (i + 0.5)).append('\n');
        }
        return text.toString();
    }

    @Test
    @DisplayName("the first bad line is reported, whether the splitting or the parsing finds it")
    void firstBadLineWins() {
        // Rows are split on one thread and parsed on another, in batches of 4096 rows.
        String badNumberFirst = rows(20_000, 5_000, "1,x").replace("\n10000,10000.5\n",
                "\n10000,1,2\n");
        assertEquals("d.csv:5001: column 'y': 'x' is not a number",
                failure(badNumberFirst, Columns.defaults()));
        String badShapeFirst = rows(20_000, 5_000, "1,2,3").replace("\n10000,10000.5\n",
                "\n10000,x\n");
        assertEquals("d.csv:5001: 3 cells but the header has 2 columns",
                failure(badShapeFirst, Columns.defaults()));
        assertEquals("d.csv:4098: column 'x1': empty cell",
                failure(rows(20_000, 4_097, ",1"), Columns.defaults()));
    }

    @Test
    @DisplayName("columns longer than one storage block keep every value in order")
    void longColumns() throws DataFileException {
        int n = 2_500_000;
        byte[] head = "x1,y\n".getBytes(StandardCharsets.US_ASCII);
        StringBuilder text = new StringBuilder(n * 12);
        for (int i = 0; i < n; i++) {
            text.append(i).append(',').append(-i).append('\n');
        }
        byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + body.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(body, 0, bytes, head.length, body.length);
        FeatureData data = read(bytes, Columns.defaults());
        assertEquals(n, data.samples());
        for (int i = 0; i < n; i++) {
            if (data.x(i, 0) != i || data.y(i) != -i) {
                throw new AssertionError("row " + i + ": " + data.x(i, 0) + ", " + data.y(i));
            }
        }
    }

    @Test
    @DisplayName("invalid UTF-8 is refused with its line")
    void invalidUtf8() {
        byte[] latin1 = "x1,y\n1,2\n3,4 caf\u00e9\n5,6\n".getBytes(StandardCharsets.ISO_8859_1);
        DataFileException e = assertThrows(DataFileException.class,
                () -> read(latin1, Columns.defaults()));
        assertEquals("d.csv:3: invalid UTF-8", e.getMessage());
    }

    @Test
    @DisplayName("invalid UTF-8 far into the file, past the decoder's buffer, has the right line")
    void invalidUtf8DeepInTheFile() {
        StringBuilder text = new StringBuilder("x1,y\r\n");
        for (int i = 0; i < 30_000; i++) {
            text.append(i).append(",1.25\r\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 4];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = '7';
        bytes[good.length + 1] = ',';
        bytes[good.length + 2] = (byte) 0xC0; // an overlong encoding, never valid
        bytes[good.length + 3] = (byte) 0x80;
        DataFileException e = assertThrows(DataFileException.class,
                () -> read(bytes, Columns.defaults()));
        assertEquals("d.csv:30002: invalid UTF-8", e.getMessage());
    }

    @Test
    @DisplayName("a UTF-8 sequence cut off by the end of the file is refused")
    void truncatedUtf8() {
        byte[] good = "x1,y\n1,2\n3,4".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 1);
        bytes[good.length] = (byte) 0xE2;
        assertEquals("d.csv:3: invalid UTF-8", assertThrows(DataFileException.class,
                () -> read(bytes, Columns.defaults())).getMessage());
    }

    @Test
    @DisplayName("a UTF-8 byte-order mark, CRLF line ends and quoted numbers are accepted")
    void spreadsheetFile() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "\"x1\",\"y\"\r\n\"1.5\",\"2\"\r\n\"-3\",4\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        Path path = Files.write(dir.resolve("excel.csv"), bytes);
        FeatureData data = FeatureData.fromCsv(path, Columns.defaults());
        assertEquals(List.of("x1"), data.featureNames());
        assertEquals("y", data.targetName());
        assertArrayEquals(new double[] {1.5, -3}, data.feature(0), 0.0);
        assertArrayEquals(new double[] {2, 4}, data.y(), 0.0);
    }

    @Test
    @DisplayName("numbers as Python's float() reads them: signs, exponents, bare points, spaces")
    void numberForms() throws DataFileException {
        FeatureData data = read("x1,y\n"
                + "1e3,+1.5\n"
                + "-0,.5\n"
                + "5.,2.5E-3\n"
                + " 7 ,\t-8.25\t\n"
                + "\" 9 \",1e-400\n"
                + "1E+2,4.9e-324\n", Columns.defaults());
        assertArrayEquals(new double[] {1000, -0.0, 5, 7, 9, 100}, data.feature(0), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(data.x(1, 0)),
                "-0 keeps its sign");
        assertArrayEquals(new double[] {1.5, 0.5, 2.5e-3, -8.25, 0.0, Double.MIN_VALUE},
                data.y(), 0.0);
    }

    @Test
    @DisplayName("17-digit decimals parse to the exact double they name")
    void roundTrip() throws DataFileException {
        double[] values = {0.9780230269512002, -0.10399212660663218, 6.830076954246968,
            0.1, 2.2250738585072014E-308, 1.7976931348623157E308};
        StringBuilder text = new StringBuilder("x1,y\n");
        for (double v : values) {
            text.append(v).append(',').append(-v).append('\n');
        }
        FeatureData data = read(text.toString(), Columns.defaults());
        assertArrayEquals(values, data.feature(0), 0.0);
    }

    @Test
    @DisplayName("blank lines are skipped, a missing final line end is fine, names are trimmed")
    void laxLayout() throws DataFileException {
        FeatureData data = read("\n x1 , y \n\n1,2\n\n3,4", Columns.defaults());
        assertEquals(List.of("x1"), data.featureNames());
        assertArrayEquals(new double[] {2, 4}, data.y(), 0.0);
    }

    @Test
    @DisplayName("the target defaults to y wherever it stands, the features to the rest in order")
    void defaultColumns() throws DataFileException {
        FeatureData data = read("b,y,a\n1,2,3\n4,5,6\n7,8,9\n", Columns.defaults());
        assertEquals(List.of("b", "a"), data.featureNames());
        assertArrayEquals(new double[] {2, 5, 8}, data.y(), 0.0);
        assertArrayEquals(new double[] {3, 6, 9}, data.feature(1), 0.0);
    }

    @Test
    @DisplayName("without a y column the target is the last column")
    void lastColumnIsTheTarget() throws DataFileException {
        FeatureData data = read("u,v,w\n1,2,3\n4,5,6\n", Columns.defaults());
        assertEquals("w", data.targetName());
        assertEquals(List.of("u", "v"), data.featureNames());
    }

    @Test
    @DisplayName("--y and --x pick and order the columns; other columns may hold anything")
    void chosenColumns() throws DataFileException {
        FeatureData data = read("date,a,b,price\n2024-01-01,1,2,3\nn/a,4,5,6\n",
                Columns.defaults().optTarget("a").optFeatures(List.of("price", "b")));
        assertEquals("a", data.targetName());
        assertEquals(List.of("price", "b"), data.featureNames());
        assertArrayEquals(new double[] {1, 4}, data.y(), 0.0);
        assertArrayEquals(new double[] {3, 6}, data.feature(0), 0.0);
        assertArrayEquals(new double[] {2, 5}, data.feature(1), 0.0);
    }

    @Test
    @DisplayName("as many features as rows is accepted")
    void asManyFeaturesAsRows() throws DataFileException {
        assertEquals(2, read("a,b,y\n1,2,3\n4,5,6\n", Columns.defaults()).features());
    }

    @Test
    @DisplayName("a Reader's byte-order mark is skipped too")
    void readerWithByteOrderMark() throws DataFileException {
        FeatureData data = FeatureData.fromCsv(
                new StringReader("\uFEFFx1,y\n1,2\n"), "r.csv", Columns.defaults());
        assertEquals(List.of("x1"), data.featureNames());
        assertEquals("r.csv:2: column 'y': 'z' is not a number",
                assertThrows(DataFileException.class, () -> FeatureData.fromCsv(
                        new StringReader("x1,y\n1,z\n"), "r.csv", Columns.defaults()))
                        .getMessage());
    }

    @Test
    @DisplayName("the generated data's CSV reads back to the same doubles")
    void generatedDataRoundTrips() throws DataFileException {
        LinearData generated = LinearData.generate(2024, 999);
        StringBuilder text = new StringBuilder("x1,eps,y\n");
        for (int i = 0; i < generated.samples(); i++) {
            text.append(generated.x1(i)).append(',').append(generated.eps(i)).append(',')
                    .append(generated.y(i)).append('\n');
        }
        FeatureData data = read(text.toString(), Columns.defaults().optFeatures(List.of("x1")));
        assertEquals(generated.features(), data);
    }
}
