package io.github.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@link FeatureData} from CSV with Apache Commons CSV, one record at a time: the text
 * is never held whole, and each selected cell goes straight into a primitive column.
 *
 * <p>Every problem becomes a {@link DataFileException} naming the file and the line.
 */
final class CsvFeatureReader {

    /** RFC 4180 with blank lines skipped, as pandas skips them; cells are trimmed here. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .get();

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Commons CSV's message for a quote never closed: {@code (startline 1,234) EOF ...}. */
    private static final Pattern UNCLOSED_QUOTE =
            Pattern.compile("\\(startline ([0-9][0-9,.\\u00a0\\u202f ]*)\\) EOF");

    /** Its message for text after a closing quote: {@code ... delimiter at line: 12, ...}. */
    private static final Pattern AFTER_QUOTE = Pattern.compile(
            "between encapsulated token and delimiter at line: ([0-9][0-9,.\\u00a0\\u202f ]*),");

    private final String source;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private long line;

    private CsvFeatureReader(Reader reader, String source) throws IOException {
        this.source = source;
        this.parser = CSVParser.parse(reader, FORMAT);
        this.records = parser.iterator();
    }

    static FeatureData read(Path path, Columns columns) throws DataFileException {
        String source = path.toString();
        if (Files.isDirectory(path)) {
            throw new DataFileException(source, 0, "is a directory, not a data file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, source, columns);
        } catch (NoSuchFileException e) {
            throw new DataFileException(source, 0, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new DataFileException(source, 0, "cannot read the file: permission denied", e);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(source, 0, "cannot read the file: " + e.getMessage(), e);
        }
    }

    static FeatureData read(InputStream in, String source, Columns columns)
            throws DataFileException {
        // Not closed here: closing would close the caller's stream (standard input, say).
        return parse(new Utf8LineReader(in), source, columns);
    }

    static FeatureData read(Reader reader, String source, Columns columns)
            throws DataFileException {
        PushbackReader text = new PushbackReader(reader, 1);
        try {
            int first = text.read();
            if (first >= 0 && first != BYTE_ORDER_MARK) {
                text.unread(first);
            }
        } catch (IOException e) {
            throw new DataFileException(source, 1, "cannot read: " + e.getMessage(), e);
        }
        return parse(text, source, columns);
    }

    private static FeatureData parse(Reader text, String source, Columns columns)
            throws DataFileException {
        try {
            return new CsvFeatureReader(text, source).readAll(columns);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFileException(source, 1, "cannot read: " + e.getMessage(), e);
        }
    }

    private FeatureData readAll(Columns columns) throws DataFileException {
        CSVRecord headerRecord = next();
        if (headerRecord == null) {
            throw new DataFileException(source, 1,
                    "empty file: expected a header row naming the columns");
        }
        long headerLine = line;
        List<String> header = header(headerRecord);
        int[] chosen = columns.resolve(header, source, headerLine);
        int d = chosen.length - 1;
        DoubleColumn[] values = new DoubleColumn[d + 1];
        for (int j = 0; j <= d; j++) {
            values[j] = new DoubleColumn();
        }
        // Splitting rows (Commons CSV) and parsing numbers take about as long as each other:
        // one thread splits while this one parses.
        int n = 0;
        try (RowBatches batches = RowBatches.start(chosen.length,
                sink -> split(header.size(), chosen, sink))) {
            for (RowBatches.Batch batch = batches.take(); batch != null; batch = batches.take()) {
                for (int row = 0; row < batch.rows(); row++) {
                    for (int j = 0; j <= d; j++) {
                        values[j].add(cell(batch.cell(row, j), header.get(chosen[j]),
                                batch.line(row)));
                    }
                }
                n += batch.rows();
            }
        }
        if (n == 0) {
            throw new DataFileException(source, headerLine,
                    "no data rows: the file has a header and nothing else");
        }
        if (d > n) {
            throw new DataFileException(source, headerLine, FeatureData.identifiability(d, n));
        }
        List<String> featureNames = new ArrayList<>();
        double[][] x = new double[d][];
        for (int j = 0; j < d; j++) {
            featureNames.add(header.get(chosen[j + 1]));
            x[j] = values[j + 1].toArray();
        }
        return new FeatureData(featureNames, header.get(chosen[0]), x, values[0].toArray());
    }

    /**
     * Splits the rows after the header, checks their shape and the row limit, and hands the
     * chosen cells on in file order; runs on the splitting thread.
     */
    private void split(int columns, int[] chosen, RowBatches.Sink sink)
            throws DataFileException, InterruptedException {
        int n = 0;
        for (CSVRecord record = next(); record != null; record = next()) {
            if (n == FeatureData.MAX_SAMPLES) {
                throw fail("more than " + FeatureData.MAX_SAMPLES
                        + " rows, the most a data file may hold");
            }
            if (record.size() != columns) {
                throw fail(record.size() + (record.size() == 1 ? " cell" : " cells")
                        + " but the header has " + columns + " columns");
            }
            if (!sink.row(line)) {
                return;
            }
            for (int j = 0; j < chosen.length; j++) {
                sink.cell(j, record.get(chosen[j]));
            }
            n++;
        }
    }

    /** The column names, trimmed; each must be non-empty and appear once. */
    private List<String> header(CSVRecord record) throws DataFileException {
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip();
            if (name.isEmpty()) {
                throw fail("column " + (i + 1) + " has no name; every column needs one"
                        + " (from pandas, write the file with index=False)");
            }
            Integer earlier = seen.putIfAbsent(name, i + 1);
            if (earlier != null) {
                throw fail("duplicate column name '" + NumberCell.echo(name) + "' (columns " + earlier + " and "
                        + (i + 1) + ")");
            }
            names.add(name);
        }
        return names;
    }

    private double cell(String text, String column, long row) throws DataFileException {
        try {
            return NumberCell.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(source, row, "column '" + NumberCell.echo(column) + "': "
                    + e.getMessage());
        }
    }

    /**
     * The next record, or null at the end; {@link #line} becomes the line the record ends on.
     */
    private CSVRecord next() throws DataFileException {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            line = lineOf(record);
            return record;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof Utf8LineReader.LineTooLongException tooLong) {
                throw new DataFileException(source, tooLong.line(), "line longer than "
                        + Utf8LineReader.MAX_LINE + " characters (the limit for one line)", e);
            }
            if (e.getCause() instanceof Utf8LineReader.MalformedUtf8Exception bad) {
                throw new DataFileException(source, bad.line(), "invalid UTF-8", e);
            }
            if (e.getCause() instanceof CSVException) {
                throw malformed(e.getCause());
            }
            throw new DataFileException(source, parser.getCurrentLineNumber() + 1,
                    "cannot read: " + NumberCell.printable(String.valueOf(e.getCause().getMessage())),
                    e);
        } catch (IllegalStateException e) {
            throw malformed(e);
        }
    }

    /** Commons CSV's complaint, with the line it names (it prints it with digit grouping). */
    private DataFileException malformed(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Matcher unclosed = UNCLOSED_QUOTE.matcher(message);
        if (unclosed.find()) {
            return new DataFileException(source, lineNumber(unclosed.group(1)),
                    "a quoted cell starts on this line and is never closed", e);
        }
        Matcher after = AFTER_QUOTE.matcher(message);
        if (after.find()) {
            return new DataFileException(source, lineNumber(after.group(1)),
                    "text after the closing quote of a quoted cell", e);
        }
        return new DataFileException(source, parser.getCurrentLineNumber() + 1,
                "malformed CSV: " + NumberCell.printable(message), e);
    }

    private static long lineNumber(String grouped) {
        return Long.parseLong(grouped.replaceAll("[^0-9]", ""));
    }

    /**
     * The line a record ends on: Commons CSV counts the line ends it has read (LF, CRLF or CR),
     * including the record's own. A row whose quoted cell spans lines is named by its last line.
     */
    private long lineOf(CSVRecord record) {
        return parser.getCurrentLineNumber();
    }

    private DataFileException fail(String problem) {
        return new DataFileException(source, line, problem);
    }
}
