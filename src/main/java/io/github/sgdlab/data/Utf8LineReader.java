package io.github.sgdlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that knows which line a bad byte is on.
 *
 * <p>{@link java.io.InputStreamReader} decodes ahead of the reader in blocks and, by default,
 * replaces bad bytes with U+FFFD. Here the decoder reports them, every character before the bad
 * byte is handed out first, and only the next read fails, naming the line: the count of line
 * ends (LF, CRLF or a lone CR, as the CSV parser counts them) handed out so far, plus one. A
 * leading byte-order mark is dropped, as spreadsheets write one.
 *
 * <p>A line longer than {@value #MAX_LINE} characters is refused as soon as its
 * {@value #MAX_LINE}th character plus one is decoded ({@link LineTooLongException}), so that
 * {@code /dev/zero} or a binary file cannot grow the parser's buffer without bound.
 */
final class Utf8LineReader extends Reader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** The longest line a data file may have, in characters (1 MiB). */
    static final int MAX_LINE = 1 << 20;

    private long lineLength;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private boolean endOfInput;
    private boolean flushed;
    private boolean first = true;
    private boolean pendingError;
    private long lineEnds;
    private boolean lastWasCr;

    /**
     * Decodes a byte stream.
     *
     * @param in the bytes; closed when this reader is closed
     */
    Utf8LineReader(InputStream in) {
        this.in = in;
        bytes.flip();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (pendingError) {
                throw new MalformedUtf8Exception(lineEnds + 1);
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(buffer, offset, length);
            pendingError = decode(out).isError();
            int produced = out.position() - offset;
            if (produced > 0 && first) {
                first = false;
                if (buffer[offset] == BYTE_ORDER_MARK) {
                    System.arraycopy(buffer, offset + 1, buffer, offset, produced - 1);
                    produced--;
                }
            }
            if (produced > 0) {
                countLineEnds(buffer, offset, produced);
                return produced;
            }
        }
    }

    /**
     * Decodes into {@code out} until something is decoded, the input ends or a bad byte comes;
     * the characters before a bad byte stay in {@code out}.
     */
    private CoderResult decode(CharBuffer out) throws IOException {
        int start = out.position();
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError() || result.isOverflow()) {
                return result;
            }
            if (endOfInput) {
                result = decoder.flush(out);
                flushed = !result.isOverflow();
                return result;
            }
            if (out.position() > start) {
                return result;
            }
            refill();
        }
    }

    private void refill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void countLineEnds(char[] buffer, int offset, int length)
            throws LineTooLongException {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                if (!lastWasCr) {
                    lineEnds++;
                }
                lastWasCr = false;
                lineLength = 0;
            } else if (c == '\r') {
                lineEnds++;
                lastWasCr = true;
                lineLength = 0;
            } else {
                lastWasCr = false;
                if (++lineLength > MAX_LINE) {
                    throw new LineTooLongException(lineEnds + 1);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A line longer than {@link #MAX_LINE} characters. */
    static final class LineTooLongException extends IOException {

        private static final long serialVersionUID = 1L;

        private final long line;

        LineTooLongException(long line) {
            super("line " + line + " is longer than " + MAX_LINE + " characters");
            this.line = line;
        }

        /**
         * The line, from 1.
         *
         * @return the line
         */
        long line() {
            return line;
        }
    }

    /** Bytes that are not UTF-8, found on the given line. */
    static final class MalformedUtf8Exception extends CharacterCodingException {

        private static final long serialVersionUID = 1L;

        private final long line;

        MalformedUtf8Exception(long line) {
            this.line = line;
        }

        /**
         * The line the bad bytes are on, from 1.
         *
         * @return the line
         */
        long line() {
            return line;
        }

        @Override
        public String getMessage() {
            return "invalid UTF-8 on line " + line;
        }
    }
}
