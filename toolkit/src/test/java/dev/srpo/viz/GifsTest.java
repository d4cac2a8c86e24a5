package dev.srpo.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifsTest {

    static List<BufferedImage> solidFrames(int... rgbColours) {
        List<BufferedImage> frames = new ArrayList<>();
        for (int colour : rgbColours) {
            byte[] rgb = new byte[3 * 8 * 6];
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = (byte) (colour >> 16);
                rgb[i + 1] = (byte) (colour >> 8);
                rgb[i + 2] = (byte) colour;
            }
            frames.add(Frames.toImage(rgb, 8, 6));
        }
        return frames;
    }

    @Test
    void encodesEveryFrameWithItsDelayAndLoops() throws Exception {
        byte[] gif = Gifs.encode(solidFrames(0xFF0000, 0x00FF00, 0x0000FF), 120);
        assertEquals("GIF89a", new String(Arrays.copyOf(gif, 6), "US-ASCII"));

        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            int[] expected = {0xFF0000, 0x00FF00, 0x0000FF};
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], reader.read(i).getRGB(4, 3) & 0xFFFFFF, "colour of frame " + i);
                IIOMetadataNode root =
                        (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode)
                        root.getElementsByTagName("GraphicControlExtension").item(0);
                assertEquals("12", control.getAttribute("delayTime"));
            }
            IIOMetadataNode first =
                    (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode)
                    first.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void htmlCarriesTheGifAsADataUri() {
        String html = Gifs.html(solidFrames(0x123456), 100);
        assertTrue(html.startsWith("<img src=\"data:image/gif;base64,"), html);
        String b64 = html.substring(html.indexOf(',') + 1, html.indexOf('"', html.indexOf(',')));
        assertEquals("GIF8", new String(Arrays.copyOf(Base64.getDecoder().decode(b64), 4)));
    }

    @Test
    void framesOfDifferentSizesAreRejected() {
        List<BufferedImage> frames = new ArrayList<>(solidFrames(0));
        frames.add(new BufferedImage(3, 3, BufferedImage.TYPE_3BYTE_BGR));
        var e = assertThrows(IllegalArgumentException.class, () -> Gifs.encode(frames, 100));
        assertTrue(e.getMessage().contains("frame 1 is 3x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gifs.encode(List.of(), 100));
        assertThrows(IllegalArgumentException.class, () -> Gifs.encode(solidFrames(0), 0));
    }

    @Test
    void writesAFile(@TempDir Path dir) throws Exception {
        Path file = Gifs.write(dir.resolve("sub/rollout.gif"), solidFrames(0xFFFFFF, 0), 50);
        assertTrue(Files.size(file) > 0);
        assertEquals(8, ImageIO.read(file.toFile()).getWidth());
    }
}
