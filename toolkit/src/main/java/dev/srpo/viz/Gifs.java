package dev.srpo.viz;

import dev.srpo.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Frame sequences (rollout videos) as animated GIFs, with the JDK's own GIF writer.
 *
 * <p>In a notebook, a cell ending in {@code render(Gifs.html(frames, 100), "text/html")} shows the animation inline: the kernel
 * renders a plain image as a still PNG, so an animation travels as an HTML {@code <img>} with a data URI.
 */
public final class Gifs {

    private Gifs() {}

    /**
     * Encodes frames as an animated GIF that loops forever.
     *
     * @param frames the frames, all of one size
     * @param delayMillis time each frame is shown; GIF stores hundredths of a second, so it is rounded to 10 ms
     * @return the GIF file's bytes
     * @throws IllegalArgumentException if there are no frames, the delay is not positive or the sizes differ
     */
    public static byte[] encode(List<? extends RenderedImage> frames, int delayMillis) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a GIF needs at least one frame");
        }
        if (delayMillis <= 0) {
            throw new IllegalArgumentException("GIF frame delay must be positive, got " + delayMillis + " ms");
        }
        RenderedImage first = frames.get(0);
        for (int i = 1; i < frames.size(); i++) {
            RenderedImage f = frames.get(i);
            if (f.getWidth() != first.getWidth() || f.getHeight() != first.getHeight()) {
                throw new IllegalArgumentException(String.format(
                        "GIF frames must share one size: frame 0 is %dx%d, frame %d is %dx%d",
                        first.getWidth(), first.getHeight(), i, f.getWidth(), f.getHeight()));
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JVM has no GIF image writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                RenderedImage frame = indexable(frames.get(i));
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                describeFrame(meta, Math.max(1, Math.round(delayMillis / 10f)), i == 0);
                writer.writeToSequence(new IIOImage(frame, null, meta), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("GIF encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** An HTML {@code <img>} holding the animation as a data URI, for {@code render(html, "text/html")}. */
    public static String html(List<? extends RenderedImage> frames, int delayMillis) {
        return "<img src=\"data:image/gif;base64,"
                + Base64.getEncoder().encodeToString(encode(frames, delayMillis))
                + "\" style=\"image-rendering: pixelated\"/>";
    }

    /** Writes the animation to a file atomically (a crash never leaves half a GIF behind). */
    public static Path write(Path file, List<? extends RenderedImage> frames, int delayMillis) {
        return AtomicFiles.write(file, encode(frames, delayMillis));
    }

    // One raster layout for every frame (3-byte BGR, what Frames makes), so each frame's palette is built the same
    // way whatever image type a caller passes.
    private static RenderedImage indexable(RenderedImage image) {
        if (image instanceof BufferedImage b && b.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return b;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        g.drawRenderedImage(image, new AffineTransform());
        g.dispose();
        return copy;
    }

    private static void describeFrame(IIOMetadata meta, int delayCentis, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentis));
        control.setAttribute("transparentColorIndex", "0");

        if (first) {
            // The NETSCAPE2.0 application extension with loop count 0 makes viewers repeat the animation.
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
