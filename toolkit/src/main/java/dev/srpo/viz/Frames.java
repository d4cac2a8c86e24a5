package dev.srpo.viz;

import dev.srpo.env.Observation;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/**
 * Camera frames as images. A frame is an RGB byte array, row-major from the top-left pixel, three bytes per
 * pixel ({@code height × width × 3}), the layout simulators and video encoders share. A {@link BufferedImage}
 * is what a notebook displays inline.
 */
public final class Frames {

    private Frames() {}

    /** An observation's third-person frame as an image (display lives here, not in {@code env}). */
    public static BufferedImage toImage(Observation observation) {
        return toImage(observation.agentview(), observation.width(), observation.height());
    }

    /**
     * Copies an RGB frame into a new image.
     *
     * @param rgb pixels, {@code [height, width, 3]} flattened
     * @throws IllegalArgumentException if the array length is not {@code width × height × 3}
     */
    public static BufferedImage toImage(byte[] rgb, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        long expected = 3L * width * height;
        if (rgb.length != expected) {
            throw new IllegalArgumentException(
                    String.format("an RGB frame of %dx%d needs %d bytes, got %d", width, height, expected, rgb.length));
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }

    /** The inverse of {@link #toImage}: the image's pixels as an RGB frame ({@code [height, width, 3]}). */
    public static byte[] toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return rgb;
    }

    /**
     * Enlarges an image by an integer factor with nearest-neighbour sampling, so small simulator frames
     * (128×128) stay crisp in a notebook.
     */
    public static BufferedImage upscale(BufferedImage image, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upscale factor must be >= 1, got " + factor);
        }
        if (factor == 1) {
            return image;
        }
        BufferedImage big =
                new BufferedImage(image.getWidth() * factor, image.getHeight() * factor, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        return big;
    }

    /**
     * Lays images out in rows of {@code columns}, left to right then top to bottom, with a gap between them; each
     * cell is as large as the largest image, images top-left aligned on white.
     */
    public static BufferedImage grid(List<? extends BufferedImage> images, int columns, int gap) {
        if (images.isEmpty() || columns < 1) {
            throw new IllegalArgumentException(
                    "grid needs at least one image and one column, got " + images.size() + " and " + columns);
        }
        int cellW = 0;
        int cellH = 0;
        for (BufferedImage im : images) {
            cellW = Math.max(cellW, im.getWidth());
            cellH = Math.max(cellH, im.getHeight());
        }
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(
                cols * cellW + (cols - 1) * gap, rows * cellH + (rows - 1) * gap, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), (i % cols) * (cellW + gap), (i / cols) * (cellH + gap), null);
        }
        g.dispose();
        return out;
    }

    /**
     * Lays images out left to right on one strip with a gap between them, e.g. a success beside a failure.
     * Images of different heights are top-aligned on a white background.
     */
    public static BufferedImage sideBySide(List<? extends BufferedImage> images, int gap) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("sideBySide needs at least one image");
        }
        int width = gap * (images.size() - 1);
        int height = 0;
        for (BufferedImage im : images) {
            width += im.getWidth();
            height = Math.max(height, im.getHeight());
        }
        BufferedImage strip = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = strip.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (BufferedImage im : images) {
            g.drawImage(im, x, 0, null);
            x += im.getWidth() + gap;
        }
        g.dispose();
        return strip;
    }

    /**
     * The image with a caption above it, on white: e.g. which suite and task a video panel shows. The text is
     * drawn at a size that suits the image's width and cut with an ellipsis when it does not fit.
     */
    public static BufferedImage caption(BufferedImage image, String text) {
        Font font = labelFont(image.getWidth());
        int strip = font.getSize() + 6;
        BufferedImage out =
                new BufferedImage(image.getWidth(), image.getHeight() + strip, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = whiteCanvas(out, font);
        drawText(g, text, 0, 0, image.getWidth(), strip);
        g.drawImage(image, 0, strip, null);
        g.dispose();
        return out;
    }

    /**
     * {@link #grid(List, int, int)} with a label left of every row and above every column, e.g. perturbation
     * dimensions by difficulty level.
     *
     * @throws IllegalArgumentException if the labels do not match the grid's rows and columns
     */
    public static BufferedImage grid(
            List<? extends BufferedImage> images,
            int columns,
            int gap,
            List<String> rowLabels,
            List<String> columnLabels) {
        BufferedImage body = grid(images, columns, gap);
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        if (rowLabels.size() != rows || columnLabels.size() != cols) {
            throw new IllegalArgumentException("a grid of " + rows + " rows and " + cols + " columns needs as many"
                    + " labels, got " + rowLabels.size() + " row and " + columnLabels.size() + " column labels");
        }
        int cellW = (body.getWidth() - (cols - 1) * gap) / cols;
        int cellH = (body.getHeight() - (rows - 1) * gap) / rows;
        Font font = labelFont(cellW);
        int top = font.getSize() + 6;
        Graphics2D probe = body.createGraphics();
        FontMetrics metrics = probe.getFontMetrics(font);
        int left = 0;
        for (String label : rowLabels) {
            left = Math.max(left, metrics.stringWidth(label) + 8);
        }
        probe.dispose();
        BufferedImage out =
                new BufferedImage(left + body.getWidth(), top + body.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = whiteCanvas(out, font);
        for (int c = 0; c < cols; c++) {
            drawText(g, columnLabels.get(c), left + c * (cellW + gap), 0, cellW, top);
        }
        for (int r = 0; r < rows; r++) {
            drawText(g, rowLabels.get(r), 0, top + r * (cellH + gap), left, cellH);
        }
        g.drawImage(body, left, top, null);
        g.dispose();
        return out;
    }

    /** A label font for panels {@code width} pixels wide: 10 px for 128-pixel frames, 9 to 16 px. */
    private static Font labelFont(int width) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(16, width / 12)));
    }

    private static Graphics2D whiteCanvas(BufferedImage image, Font font) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        g.setColor(new Color(40, 40, 40));
        return g;
    }

    /** Draws text centred in the box, cut with an ellipsis to the box's width. */
    private static void drawText(Graphics2D g, String text, int x, int y, int width, int height) {
        FontMetrics m = g.getFontMetrics();
        String shown = text;
        while (shown.length() > 1 && m.stringWidth(shown) > width - 4) {
            shown = shown.substring(0, shown.length() - (shown.endsWith("…") ? 2 : 1)) + "…";
        }
        int tx = x + Math.max(2, (width - m.stringWidth(shown)) / 2);
        int ty = y + (height - m.getHeight()) / 2 + m.getAscent();
        g.drawString(shown, tx, ty);
    }
}
