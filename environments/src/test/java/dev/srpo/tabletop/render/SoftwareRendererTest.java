package dev.srpo.tabletop.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftwareRendererTest {

    private static final int RED = 0xFF0000;
    private static final Lighting NO_SHADOWS = new Lighting(-120, 60, 0xFFFFFF, 1.0, 0.35, false);

    @Test
    void frameHasShapeHeightByWidthByThreeAndRejectsWrongBuffers() {
        Camera camera = Camera.agentview(160, 120);
        SoftwareRenderer r = new SoftwareRenderer();
        byte[] frame = r.render(SampleScene.kitchen(), camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        assertEquals(3 * 160 * 120, frame.length);

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> r.render(List.of(), camera, Lighting.DEFAULT, Backdrop.DEFAULT, new byte[3 * 160 * 119]));
        assertTrue(e.getMessage().contains("57600"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> r.render(List.of(), camera, Lighting.DEFAULT, Backdrop.DEFAULT, null));
    }

    @Test
    void sameInputsGiveIdenticalBytes() {
        Camera camera = Camera.agentview(128, 128);
        List<Primitive> scene = SampleScene.kitchen();
        SoftwareRenderer a = new SoftwareRenderer();
        byte[] first = a.render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        // another scene, light and backdrop in between must leave no trace
        a.render(
                List.of(Primitive.box(0, 0, 0.1, 0.1, 0.1, 0.1, RED)),
                camera.withSize(64, 48),
                NO_SHADOWS,
                new Backdrop(0x102030, Backdrop.Texture.MARBLE, 0x405060, Backdrop.Texture.CHECKER, 0x111111));
        byte[] again = a.render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        byte[] fresh = new SoftwareRenderer().render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        assertArrayEquals(first, again);
        assertArrayEquals(first, fresh);
    }

    @Test
    void movingCameraGivesTheSameBytesWhateverTheCacheHolds() {
        // as an environment step with the wrist camera: agentview, then a camera that moves with the gripper
        List<Primitive> scene = SampleScene.kitchen();
        Camera agentview = Camera.agentview(96, 96);
        SoftwareRenderer shared = new SoftwareRenderer();
        for (int step = 0; step < 12; step++) {
            double gx = -0.3 + 0.05 * step;
            double gy = 0.25 * Math.sin(step);
            // a pause: the same pose three times over, so its backdrop is drawn directly, then cached
            int repeats = step == 5 ? 3 : 1;
            Camera wrist = new Camera(gx, gy - 0.06, 0.2, gx, gy + 0.02, -0.01, 70, 0, 96, 96);
            for (int k = 0; k < repeats; k++) {
                byte[] a = shared.render(scene, agentview, Lighting.DEFAULT, Backdrop.DEFAULT);
                byte[] w = shared.render(scene, wrist, Lighting.DEFAULT, Backdrop.DEFAULT);
                assertArrayEquals(
                        new SoftwareRenderer().render(scene, agentview, Lighting.DEFAULT, Backdrop.DEFAULT),
                        a,
                        "agentview, step " + step);
                assertArrayEquals(
                        new SoftwareRenderer().render(scene, wrist, Lighting.DEFAULT, Backdrop.DEFAULT),
                        w,
                        "wrist, step " + step + " repeat " + k);
            }
        }
        // a textured table seen from above and below its top, cached or not
        Backdrop marble = new Backdrop(0x9A9A9A, Backdrop.Texture.MARBLE, 0x405060, Backdrop.Texture.WOOD, 0x222222);
        for (Camera c : List.of(
                new Camera(0.45, -0.3, 0.3, 0.5, 0.4, -0.2, 70, 5, 64, 48),
                new Camera(0, -0.9, -0.2, 0, 0, -0.3, 60, 0, 64, 48))) {
            byte[] fresh = new SoftwareRenderer().render(scene, c, Lighting.DEFAULT, marble);
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(fresh, shared.render(scene, c, Lighting.DEFAULT, marble), "repeat " + k);
            }
        }
    }

    @Test
    void redBoxOnTheTableCentreShowsNearTheImageCentre() {
        Camera camera = Camera.agentview(128, 128);
        byte[] f = new SoftwareRenderer()
                .render(
                        List.of(Primitive.box(0, 0, 0.05, 0.05, 0.05, 0.05, RED)),
                        camera,
                        Lighting.DEFAULT,
                        Backdrop.DEFAULT);
        int[] c = pixel(camera, 0, 0, 0.05);
        assertTrue(Math.abs(c[0] - 64) < 16 && Math.abs(c[1] - 64) < 24, "box centre at " + c[0] + "," + c[1]);
        assertTrue(isRed(f, 128, c[0], c[1]), hex(f, 128, c[0], c[1]));
        assertTrue(isRed(f, 128, 64, 64), hex(f, 128, 64, 64));
        // nothing red far from it
        assertFalse(isRed(f, 128, 10, 100));
    }

    @Test
    void nearerBoxHidesTheOneBehindWhateverTheDrawingOrder() {
        Camera camera = Camera.agentview(128, 128);
        Primitive front = Primitive.box(0, -0.05, 0.1, 0.05, 0.05, 0.1, RED);
        Primitive back = Primitive.box(0, 0.1, 0.05, 0.04, 0.04, 0.05, 0x0000FF);
        int[] p = pixel(camera, 0, 0.06, 0.05); // the back box's front face, seen through the front box
        for (List<Primitive> scene : List.of(List.of(front, back), List.of(back, front))) {
            byte[] f = new SoftwareRenderer().render(scene, camera, NO_SHADOWS, Backdrop.DEFAULT);
            assertTrue(isRed(f, 128, p[0], p[1]), hex(f, 128, p[0], p[1]));
        }
        // alone, the back box is visible there
        byte[] f = new SoftwareRenderer().render(List.of(back), camera, NO_SHADOWS, Backdrop.DEFAULT);
        assertEquals(0, rgb(f, 128, p[0], p[1]) >> 16, hex(f, 128, p[0], p[1]));
    }

    @Test
    void faceTowardsTheLightIsBrighterThanFaceAway() {
        Camera camera = Camera.agentview(256, 256);
        Lighting fromLeft = new Lighting(180, 20, 0xFFFFFF, 1.0, 0.3, false);
        Primitive left = Primitive.box(-0.25, 0, 0.06, 0.05, 0.1, 0.06, 0xC0C0C0);
        Primitive right = Primitive.box(0.25, 0, 0.06, 0.05, 0.1, 0.06, 0xC0C0C0);
        byte[] f = new SoftwareRenderer().render(List.of(left, right), camera, fromLeft, Backdrop.DEFAULT);
        int[] away = pixel(camera, -0.2, 0, 0.06); // left box's +x face
        int[] towards = pixel(camera, 0.2, 0, 0.06); // right box's -x face
        int a = luma(f, 256, away[0], away[1]);
        int t = luma(f, 256, towards[0], towards[1]);
        assertTrue(t > a + 60, "towards " + t + " vs away " + a);
        // the top and the front of a box differ too: depth stays readable
        int[] top = pixel(camera, 0.25, 0, 0.12);
        int[] front = pixel(camera, 0.25, -0.1, 0.06);
        assertNotEquals(luma(f, 256, top[0], top[1]), luma(f, 256, front[0], front[1]));
    }

    @Test
    void tallBoxShadowsTheTableAwayFromTheLightAndTheTopOfAShortBox() {
        Camera camera = Camera.agentview(128, 128);
        Primitive tower = Primitive.box(0, 0, 0.15, 0.03, 0.03, 0.15, 0x808080);
        Primitive slab = Primitive.box(0.1, 0.15, 0.01, 0.08, 0.08, 0.01, 0xE0E0E0);
        List<Primitive> scene = List.of(tower, slab);
        byte[] lit = new SoftwareRenderer().render(scene, camera, NO_SHADOWS, Backdrop.DEFAULT);
        byte[] shaded = new SoftwareRenderer().render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        // the default light comes from -x, -y, above: the shadow falls towards +x, +y
        int[] table = pixel(camera, 0.045, 0.08, 0);
        assertTrue(luma(shaded, 128, table[0], table[1]) + 30 < luma(lit, 128, table[0], table[1]), "table");
        int[] onSlab = pixel(camera, 0.06, 0.12, 0.02);
        assertTrue(luma(shaded, 128, onSlab[0], onSlab[1]) + 30 < luma(lit, 128, onSlab[0], onSlab[1]), "slab top");
        int[] lightSide = pixel(camera, -0.08, -0.1, 0);
        assertEquals(rgb(lit, 128, lightSide[0], lightSide[1]), rgb(shaded, 128, lightSide[0], lightSide[1]));
    }

    @Test
    void tableColourChangesTablePixelsOnly() {
        Camera camera = Camera.agentview(128, 128);
        List<Primitive> scene = List.of(Primitive.box(0, 0, 0.05, 0.05, 0.05, 0.05, RED));
        Backdrop blue = new Backdrop(0x3050A0, Backdrop.Texture.WOOD, 0xE6E2D8, Backdrop.Texture.PLAIN, 0x6E6E6E);
        SoftwareRenderer r = new SoftwareRenderer();
        byte[] a = r.render(scene, camera, Lighting.DEFAULT, Backdrop.DEFAULT);
        byte[] b = r.render(scene, camera, Lighting.DEFAULT, blue);
        int[] box = pixel(camera, 0, 0, 0.1);
        int[] table = pixel(camera, -0.3, -0.25, 0);
        assertEquals(rgb(a, 128, box[0], box[1]), rgb(b, 128, box[0], box[1]));
        assertNotEquals(rgb(a, 128, table[0], table[1]), rgb(b, 128, table[0], table[1]));
        int[] wall = {64, 2};
        assertEquals(rgb(a, 128, wall[0], wall[1]), rgb(b, 128, wall[0], wall[1]));
    }

    @Test
    void everyTextureRendersAndDiffers() {
        Camera camera = Camera.agentview(64, 64);
        List<byte[]> frames = new ArrayList<>();
        for (Backdrop.Texture t : Backdrop.Texture.values()) {
            frames.add(new SoftwareRenderer()
                    .render(List.of(), camera, Lighting.DEFAULT, new Backdrop(0xA08060, t, 0xE0E0E0, t, 0x606060)));
        }
        for (int i = 0; i < frames.size(); i++) {
            for (int j = i + 1; j < frames.size(); j++) {
                assertFalse(java.util.Arrays.equals(frames.get(i), frames.get(j)), i + " vs " + j);
            }
        }
    }

    @Test
    void rollTurnsTheImage() {
        Primitive box = Primitive.box(-0.25, 0, 0.05, 0.05, 0.05, 0.05, RED);
        Camera upright = Camera.agentview(128, 128);
        Camera c = upright;
        Camera rolled = new Camera(
                c.eyeX(), c.eyeY(), c.eyeZ(), c.targetX(), c.targetY(), c.targetZ(), c.fovYDeg(), 90, 128, 128);
        double[] a = redCentroid(new SoftwareRenderer().render(List.of(box), upright, NO_SHADOWS, Backdrop.DEFAULT));
        double[] b = redCentroid(new SoftwareRenderer().render(List.of(box), rolled, NO_SHADOWS, Backdrop.DEFAULT));
        assertTrue(a[0] < 44 && Math.abs(a[1] - 64) < 20, "upright: left of centre");
        // a quarter turn brings it above or below the centre, near the middle column
        assertTrue(Math.abs(b[0] - 64) < 20 && Math.abs(b[1] - 64) > 20, "rolled: " + b[0] + "," + b[1]);
    }

    @Test
    void largerAndOddSizesWork() {
        for (int[] size : new int[][] {{256, 256}, {84, 84}, {200, 90}}) {
            Camera camera = Camera.agentview(size[0], size[1]);
            byte[] f = new SoftwareRenderer()
                    .render(
                            List.of(Primitive.box(0, 0, 0.05, 0.05, 0.05, 0.05, RED)),
                            camera,
                            Lighting.DEFAULT,
                            Backdrop.DEFAULT);
            assertEquals(3 * size[0] * size[1], f.length);
            assertTrue(isRed(f, size[0], size[0] / 2, size[1] / 2), size[0] + "x" + size[1]);
        }
    }

    @Test
    void cameraAmongTheSolidsAndDegenerateSolidsAreHandled() {
        Camera inside = new Camera(0, -0.02, 0.05, 0, 1, 0.05, 60, 10, 64, 64);
        List<Primitive> scene = new ArrayList<>(SampleScene.kitchen());
        scene.add(Primitive.box(0, 0, 0.05, 0.05, 0.05, 0.05, RED)); // the eye is inside this one
        scene.add(Primitive.box(0, 0, 0.05, 0, 0.05, 0.05, RED));
        scene.add(Primitive.cylinder(0, 0, 0.05, 0.05, -1, RED));
        byte[] f = new SoftwareRenderer().render(scene, inside, Lighting.DEFAULT, Backdrop.DEFAULT);
        assertEquals(3 * 64 * 64, f.length);
        Camera down = new Camera(0, 0, 1.5, 0, 0, 0, 45, 0, 64, 64); // straight down: no horizon
        new SoftwareRenderer().render(scene, down, new Lighting(0, -10, 0xFFFFFF, 1, 0.3, true), Backdrop.DEFAULT);
    }

    /** The pixel containing the projection of a world point. */
    static int[] pixel(Camera camera, double x, double y, double z) {
        CameraTransform t = new CameraTransform(camera);
        double zc = t.camZ(x, y, z);
        return new int[] {
            (int) Math.floor(t.screenX(t.camX(x, y, z), zc)), (int) Math.floor(t.screenY(t.camY(x, y, z), zc))
        };
    }

    private static int rgb(byte[] f, int w, int x, int y) {
        int o = 3 * (y * w + x);
        return ((f[o] & 255) << 16) | ((f[o + 1] & 255) << 8) | (f[o + 2] & 255);
    }

    private static int luma(byte[] f, int w, int x, int y) {
        int c = rgb(f, w, x, y);
        return ((c >> 16) & 255) + ((c >> 8) & 255) + (c & 255);
    }

    private static boolean isRed(byte[] f, int w, int x, int y) {
        int c = rgb(f, w, x, y);
        return ((c >> 16) & 255) > 120 && ((c >> 8) & 255) < 40 && (c & 255) < 40;
    }

    private static String hex(byte[] f, int w, int x, int y) {
        return String.format("pixel (%d,%d) = %06X", x, y, rgb(f, w, x, y));
    }

    private static double[] redCentroid(byte[] f) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                if (isRed(f, 128, x, y)) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertTrue(n > 20, "red pixels: " + n);
        return new double[] {sx / n, sy / n};
    }
}
