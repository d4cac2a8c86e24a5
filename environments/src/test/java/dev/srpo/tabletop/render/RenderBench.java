package dev.srpo.tabletop.render;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Throughput of {@link SoftwareRenderer} on the 20-primitive {@link SampleScene} at 128² and 256², one thread;
 * also writes the scene to /tmp/render-sample.png. Run as a plain main on the test classpath.
 */
public final class RenderBench {

    private RenderBench() {}

    /** Prints frames/s per size; args[0] overrides the frame count (default 20,000). */
    public static void main(String[] args) throws IOException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Primitive> scene = SampleScene.kitchen();
        for (int size : new int[] {128, 256}) {
            SoftwareRenderer renderer = new SoftwareRenderer();
            Camera camera = Camera.agentview(size, size);
            byte[] out = new byte[3 * size * size];
            for (int i = 0; i < frames / 4; i++) { // warm-up: JIT and caches
                renderer.render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT, out);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                renderer.render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT, out);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "%dx%d: %d frames in %.3f s = %.0f frames/s (%.1f us/frame)%n",
                    size, size, frames, s, frames / s, 1e6 * s / frames);
        }
        writePng(scene, Camera.agentview(256, 256), "/tmp/render-sample.png");
        writePng(scene, Camera.agentview(128, 128), "/tmp/render-sample-128.png");
    }

    /** Renders a scene with the default light and backdrop and saves it as a PNG. */
    static void writePng(List<Primitive> scene, Camera camera, String path) throws IOException {
        byte[] rgb = new SoftwareRenderer().render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        ImageIO.write(toImage(rgb, camera.width(), camera.height()), "png", new File(path));
    }

    /** Wraps an RGB frame as an image. */
    static BufferedImage toImage(byte[] rgb, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                img.setRGB(x, y, ((rgb[o] & 255) << 16) | ((rgb[o + 1] & 255) << 8) | (rgb[o + 2] & 255));
            }
        }
        return img;
    }
}
