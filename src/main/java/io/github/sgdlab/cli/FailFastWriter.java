package io.github.sgdlab.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that turns every I/O error of the writer it wraps into an {@link OutputFailure}, so
 * that a {@link java.io.PrintWriter} on top of it cannot hide the error.
 */
final class FailFastWriter extends Writer {

    private final Writer out;

    FailFastWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        try {
            out.write(buffer, offset, length);
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
    }

    @Override
    public void write(String text, int offset, int length) {
        try {
            out.write(text, offset, length);
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
    }
}
