package io.github.sgdlab.chart;

import com.madgag.gif.fmsware.AnimatedGifEncoder;
import io.github.sgdlab.files.AtomicFile;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes charts to PNG and frames to a looping animated GIF, each file atomically.
 *
 * <p>The GIF goes through {@code com.madgag:animated-gif-lib}, the encoder behind XChart's own
 * {@code GifEncoder}, called directly because XChart's wrapper writes only to a path it names
 * itself and ignores the encoder's failure flags; here a failed frame is an exception, not a
 * silently truncated file.
 */
final class ChartFiles {

    private ChartFiles() {}

    /**
     * Writes one chart as PNG.
     *
     * @param target the file
     * @param chart the chart
     * @throws IOException if writing fails
     */
    static void png(Path target, Chart<?, ?> chart) throws IOException {
        AtomicFile.write(target, out -> BitmapEncoder.saveBitmap(chart, out,
                BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * Writes an image as PNG.
     *
     * @param target the file
     * @param image the image
     * @throws IOException if writing fails
     */
    static void png(Path target, BufferedImage image) throws IOException {
        AtomicFile.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for " + target);
            }
        });
    }

    /**
     * Lays charts out in a grid, row by row, on a white canvas; cells left over stay white.
     *
     * @param charts the charts, all the size of the first
     * @param columns charts per row
     * @return the combined image
     */
    static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
        int width = charts.get(0).getWidth();
        int height = charts.get(0).getHeight();
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage canvas = new BufferedImage(width * columns, height * rows,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            for (int k = 0; k < charts.size(); k++) {
                g.drawImage(BitmapEncoder.getBufferedImage(charts.get(k)),
                        (k % columns) * width, (k / columns) * height, null);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /**
     * Writes frames as an animated GIF that loops forever.
     *
     * @param target the file
     * @param frames the frames, in order, at least one
     * @param delayMillis how long each frame shows
     * @param lastDelayMillis how long the last frame shows before the loop starts again
     * @throws IOException if writing fails
     */
    static void gif(Path target, List<BufferedImage> frames, int delayMillis, int lastDelayMillis)
            throws IOException {
        AtomicFile.write(target, out -> {
            AnimatedGifEncoder encoder = new AnimatedGifEncoder();
            encoder.setRepeat(0); // 0: loop forever (the NETSCAPE2.0 extension)
            // Colour quantisation sampling every 20th pixel instead of every 10th: twice as fast,
            // and line charts of a few colours lose nothing visible.
            encoder.setQuality(20);
            check(encoder.start(out), "start", target);
            for (int k = 0; k < frames.size(); k++) {
                encoder.setDelay(k == frames.size() - 1 ? lastDelayMillis : delayMillis);
                check(encoder.addFrame(frames.get(k)), "frame " + k, target);
            }
            check(encoder.finish(), "finish", target);
        });
    }

    private static void check(boolean ok, String step, Path target) throws IOException {
        if (!ok) {
            throw new IOException("GIF encoder failed at " + step + " of " + target);
        }
    }

    /**
     * The chart drawn to an image.
     *
     * @param chart the chart
     * @return its pixels
     */
    static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
