package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.NodeList;

/** Reads pictures back the way any viewer would, through ImageIO, for the tests to check. */
public final class Images {

    private Images() {}

    /**
     * Decodes a PNG and checks its size.
     *
     * @param file the file
     * @param width the expected width
     * @param height the expected height
     * @return the image
     * @throws IOException if it cannot be read
     */
    public static BufferedImage png(Path file, int width, int height) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in, "png", file);
            BufferedImage image = reader.read(0);
            assertEquals(width, image.getWidth(), file + ": width");
            assertEquals(height, image.getHeight(), file + ": height");
            return image;
        }
    }

    /** What a GIF holds: its frame count, its size and its loop count. */
    public record Gif(int frames, int width, int height, int loops) {}

    /**
     * Decodes every frame of a GIF and reads its NETSCAPE2.0 loop count.
     *
     * @param file the file
     * @return frames, size of the first frame, and the loop count (0: forever; -1: no loop block)
     * @throws IOException if it cannot be read
     */
    public static Gif gif(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in, "gif", file);
            int frames = reader.getNumImages(true);
            BufferedImage first = reader.read(0);
            for (int k = 1; k < frames; k++) {
                reader.read(k); // decodes every frame: a truncated file fails here
            }
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0)
                    .getAsTree("javax_imageio_gif_image_1.0");
            int loops = -1;
            NodeList extensions = root.getElementsByTagName("ApplicationExtension");
            for (int k = 0; k < extensions.getLength(); k++) {
                IIOMetadataNode ext = (IIOMetadataNode) extensions.item(k);
                if ("NETSCAPE".equals(ext.getAttribute("applicationID"))
                        && "2.0".equals(ext.getAttribute("authenticationCode"))) {
                    byte[] data = (byte[]) ext.getUserObject();
                    loops = (data[1] & 0xff) | (data[2] & 0xff) << 8;
                }
            }
            return new Gif(frames, first.getWidth(), first.getHeight(), loops);
        }
    }

    /**
     * How many pixels are close to a colour (each channel within 40).
     *
     * @param image the image
     * @param color the colour
     * @return the count
     */
    public static int pixelsLike(BufferedImage image, Color color) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) < 40
                        && Math.abs(c.getGreen() - color.getGreen()) < 40
                        && Math.abs(c.getBlue() - color.getBlue()) < 40) {
                    count++;
                }
            }
        }
        return count;
    }

    private static ImageReader reader(ImageInputStream in, String format, Path file)
            throws IOException {
        assertNotNull(in, file + ": not readable");
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        assertEquals(true, readers.hasNext(), file + ": not an image");
        ImageReader reader = readers.next();
        assertEquals(format, reader.getFormatName().toLowerCase(java.util.Locale.ROOT),
                file + ": format");
        reader.setInput(in);
        return reader;
    }
}
