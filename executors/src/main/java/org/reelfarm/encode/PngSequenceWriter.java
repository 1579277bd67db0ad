package org.reelfarm.encode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Writes frames as a numbered PNG sequence, {@code dir/000000.png}, {@code dir/000001.png}, ...:
 * lossless output for compositing and for checking single frames.
 *
 * <p>Each file appears complete or not at all: it is written under a temporary name and moved
 * into place, so a retried or speculative Spark task writing the same frame, or a task killed
 * halfway, never leaves a truncated PNG behind. Stateless and thread-safe; needs no natives.
 *
 * <pre>{@code
 * Path png = PngSequenceWriter.writeFrame(dir, 12, rgb, 256, 192); // dir/000012.png
 * }</pre>
 */
public final class PngSequenceWriter {

    /** Six digits keep names sorting in frame order: 11.5 hours at 24 fps. */
    public static final int MAX_FRAME_NUMBER = 999_999;

    private PngSequenceWriter() {}

    /** The file {@link #writeFrame} writes for {@code frameNumber}: {@code dir/%06d.png}. */
    public static Path frameFile(Path dir, int frameNumber) {
        if (frameNumber < 0 || frameNumber > MAX_FRAME_NUMBER) {
            throw new IllegalArgumentException(
                    "frame number " + frameNumber + " is outside [0, " + MAX_FRAME_NUMBER + "]");
        }
        return dir.resolve(String.format("%06d.png", frameNumber));
    }

    /**
     * Writes one frame as an 8-bit RGB PNG, creating {@code dir} if needed and replacing an
     * existing file for the same frame.
     *
     * @param rgb24 {@code width * height * 3} bytes, rows top to bottom, each pixel R, G, B
     * @return the file written
     * @throws IllegalArgumentException for a bad frame number, size or array length
     * @throws EncodeException          naming the file when it cannot be written
     */
    public static Path writeFrame(Path dir, int frameNumber, byte[] rgb24, int width, int height) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(rgb24, "rgb24");
        Path file = frameFile(dir, frameNumber);
        if (width < 1 || height < 1 || (long) width * height * 3 != rgb24.length) {
            throw new IllegalArgumentException("frame has " + rgb24.length + " bytes; " + width + "x" + height
                    + " RGB24 needs " + (long) width * height * 3 + " (width and height must be positive)");
        }
        BufferedImage image = toImage(rgb24, width, height);
        Path partial = null;
        try {
            Files.createDirectories(dir);
            partial = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
            try (OutputStream stream = Files.newOutputStream(partial)) {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new EncodeException(file + ": this JVM has no PNG writer for javax.imageio");
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new EncodeException(file + ": cannot write PNG: " + e, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static BufferedImage toImage(byte[] rgb24, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        // TYPE_3BYTE_BGR stores each pixel as B, G, R: swap while copying, no per-pixel calls.
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb24.length; i += 3) {
            bgr[i] = rgb24[i + 2];
            bgr[i + 1] = rgb24[i + 1];
            bgr[i + 2] = rgb24[i];
        }
        return image;
    }

    private static void deleteQuietly(Path partial) {
        if (partial == null) {
            return;
        }
        try {
            // Gone already after a successful move; otherwise it is a leftover to remove.
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // Best effort: the frame's outcome was decided above; a stray ".partial" file is harmless.
        }
    }
}
