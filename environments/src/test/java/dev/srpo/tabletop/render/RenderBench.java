package dev.srpo.tabletop.render;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Throughput of {@link SoftwareRenderer} on the 20-primitive {@link SampleScene}, one thread: the fixed agentview
 * camera at 128² and 256², then, at 128², a wrist-like camera that moves every frame (alone, and interleaved with
 * agentview as an environment step renders them); also writes the scene to /tmp/render-sample*.png. Run as a plain
 * main on the test classpath.
 */
public final class RenderBench {

    private RenderBench() {}

    /** Prints frames/s per case; args[0] overrides the fixed-camera frame count (default 20,000). */
    public static void main(String[] args) throws IOException {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Primitive> scene = SampleScene.kitchen();
        double fixed128 = 0;
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
            report("fixed agentview " + size + "x" + size, frames, s);
            if (size == 128) {
                fixed128 = frames / s;
            }
        }
        // a camera that never repeats: every frame a new pose, 0.2 m above the table, looking down past the gripper
        int moving = Math.max(100, frames / 4);
        SoftwareRenderer renderer = new SoftwareRenderer();
        byte[] out = new byte[3 * 128 * 128];
        for (int i = 0; i < moving / 4; i++) {
            renderer.render(scene, movingCamera(-1 - i, 128), Lighting.DEFAULT, Backdrop.DEFAULT, out);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < moving; i++) {
            renderer.render(scene, movingCamera(i, 128), Lighting.DEFAULT, Backdrop.DEFAULT, out);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        report("moving camera 128x128", moving, s);
        double movingRate = moving / s;
        // an environment step with the wrist camera on: agentview, then the moving camera, on one renderer
        Camera agentview = Camera.agentview(128, 128);
        t0 = System.nanoTime();
        for (int i = 0; i < moving; i++) {
            renderer.render(scene, agentview, Lighting.DEFAULT, Backdrop.DEFAULT, out);
            renderer.render(scene, movingCamera(moving + i, 128), Lighting.DEFAULT, Backdrop.DEFAULT, out);
        }
        s = (System.nanoTime() - t0) / 1e9;
        report("agentview + moving camera (steps)", moving, s);
        System.out.printf("fixed / moving camera at 128x128: %.1fx%n", fixed128 / movingRate);
        writePng(scene, Camera.agentview(256, 256), "/tmp/render-sample.png");
        writePng(scene, Camera.agentview(128, 128), "/tmp/render-sample-128.png");
        writePng(scene, movingCamera(0, 256), "/tmp/render-sample-wrist.png");
    }

    /**
     * Frame i of a wrist-like camera: the eye circles over the table 0.2 m above it, looking down and a little
     * forward, as the wrist camera does past the gripper's fingers; no two frames share a pose.
     */
    static Camera movingCamera(int i, int size) {
        double a = 2 * Math.PI * i / 997.0;
        double gx = 0.25 * Math.cos(a);
        double gy = 0.18 * Math.sin(a) + 1e-5 * (i % 7);
        double gz = 0.04 + 0.01 * Math.sin(3 * a);
        return new Camera(gx, gy - 0.06, gz + 0.16, gx, gy + 0.02, gz - 0.05, 70, 0, size, size);
    }

    private static void report(String what, int frames, double seconds) {
        System.out.printf(
                "%s: %d frames in %.3f s = %.0f frames/s (%.1f us/frame)%n",
                what, frames, seconds, frames / seconds, 1e6 * seconds / frames);
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
