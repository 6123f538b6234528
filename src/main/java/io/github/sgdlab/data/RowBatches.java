package io.github.sgdlab.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Rows split on one thread, handed in batches and in file order to the thread that parses their
 * numbers. A problem found while splitting arrives in its place in the order, after every row
 * before it, so the first bad line of the file is always the one reported.
 */
final class RowBatches implements AutoCloseable {

    /** Rows per batch: small enough to stay in cache, large enough to make handing over cheap. */
    private static final int ROWS = 4096;

    /** Batches in flight: a few megabytes at most. */
    private static final int QUEUE = 8;

    private final int cells;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread splitter;
    private volatile boolean cancelled;
    private boolean done;

    /** Produces the rows: the splitting side's work. */
    interface Splitter {

        /**
         * Splits every row into the sink.
         *
         * @param sink where the rows go
         * @throws DataFileException at the first bad row
         * @throws InterruptedException if the reader gave up waiting
         */
        void split(Sink sink) throws DataFileException, InterruptedException;
    }

    /** Where the splitting side puts rows: {@link #row} once, then {@link #cell} per cell. */
    interface Sink {

        /**
         * Starts a row.
         *
         * @param line the row's line in the file
         * @return false if the reader has stopped and splitting should end
         * @throws InterruptedException if interrupted while waiting for room
         */
        boolean row(long line) throws InterruptedException;

        /**
         * One chosen cell of the current row.
         *
         * @param index the cell's place among the chosen columns
         * @param text the cell's text
         */
        void cell(int index, String text);
    }

    private RowBatches(int cells, Splitter work) {
        this.cells = cells;
        this.splitter = new Thread(() -> run(work), "csv-splitter");
        splitter.setDaemon(true);
    }

    /**
     * Starts splitting on a new thread.
     *
     * @param cells chosen cells per row
     * @param work the splitting
     * @return the batches, to {@link #take} in order
     */
    static RowBatches start(int cells, Splitter work) {
        RowBatches batches = new RowBatches(cells, work);
        batches.splitter.start();
        return batches;
    }

    private void run(Splitter work) {
        BatchSink sink = new BatchSink();
        try {
            work.split(sink);
            sink.flush();
            put(Batch.END);
        } catch (DataFileException e) {
            try {
                sink.flush();
                put(Batch.failed(e));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                put(Batch.failed(e));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for room, giving up once the reader has stopped. */
    private boolean put(Batch batch) throws InterruptedException {
        while (!cancelled) {
            if (queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next batch in file order.
     *
     * @return the batch, or null after the last row
     * @throws DataFileException where splitting found a bad row, after every row before it
     */
    Batch take() throws DataFileException {
        if (done) {
            return null;
        }
        Batch batch;
        try {
            batch = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading rows", e);
        }
        if (batch == Batch.END) {
            done = true;
            return null;
        }
        if (batch.failure != null) {
            done = true;
            if (batch.failure instanceof DataFileException bad) {
                throw new DataFileException(bad.source(), bad.line(), bad.problem(), bad);
            }
            if (batch.failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw (Error) batch.failure;
        }
        return batch;
    }

    /** Stops the splitting thread, if it still runs, and waits for it. */
    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            splitter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fills batches and hands each on when full. */
    private final class BatchSink implements Sink {

        private Batch current = new Batch(cells);

        @Override
        public boolean row(long line) throws InterruptedException {
            if (current.rows == ROWS) {
                if (!put(current)) {
                    return false;
                }
                current = new Batch(cells);
            }
            current.lines[current.rows++] = line;
            return !cancelled;
        }

        @Override
        public void cell(int index, String text) {
            current.cells[(current.rows - 1) * cells + index] = text;
        }

        void flush() throws InterruptedException {
            if (current.rows > 0) {
                put(current);
            }
        }
    }

    /** Up to {@link #ROWS} rows: their lines and chosen cells. */
    static final class Batch {

        static final Batch END = new Batch(0);

        private final int width;
        private final String[] cells;
        private final long[] lines;
        private int rows;
        private Throwable failure;

        private Batch(int width) {
            this.width = width;
            this.cells = new String[width == 0 ? 0 : ROWS * width];
            this.lines = new long[width == 0 ? 0 : ROWS];
        }

        private static Batch failed(Throwable failure) {
            Batch batch = new Batch(0);
            batch.failure = failure;
            return batch;
        }

        /**
         * How many rows the batch holds.
         *
         * @return the count
         */
        int rows() {
            return rows;
        }

        /**
         * One chosen cell.
         *
         * @param row the row within the batch
         * @param index the cell's place among the chosen columns
         * @return its text
         */
        String cell(int row, int index) {
            return cells[row * width + index];
        }

        /**
         * A row's line in the file.
         *
         * @param row the row within the batch
         * @return the line
         */
        long line(int row) {
            return lines[row];
        }
    }
}
