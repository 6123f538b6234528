package io.github.sgdlab.chart;

/**
 * Makes AWT run without a display, so charts render on servers and in CI.
 *
 * <p>The property must be set before AWT's toolkit starts; every entry point of this package
 * calls {@link #ensure()} first. A caller who set {@code java.awt.headless} explicitly keeps
 * their choice.
 */
final class Headless {

    private static final String PROPERTY = "java.awt.headless";

    private Headless() {}

    /** Sets {@code java.awt.headless=true} unless it is already set. */
    static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
