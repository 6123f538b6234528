package io.github.sgdlab.output;

/** What messages may echo of the user's input: at most {@value #ECHO_LIMIT} characters. */
final class Texts {

    /** Characters of user input a message repeats at most. */
    static final int ECHO_LIMIT = 80;

    private Texts() {}

    /**
     * The text, cut to {@value #ECHO_LIMIT} characters with {@code ...} when longer.
     *
     * @param text what the user gave
     * @return what a message may show of it
     */
    static String echo(String text) {
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "...";
    }
}
