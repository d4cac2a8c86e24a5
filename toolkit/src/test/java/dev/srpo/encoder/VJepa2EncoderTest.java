package dev.srpo.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Engines;
import dev.srpo.rollout.Video;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V-JEPA 2 through DJL against Python: a small randomly initialised V-JEPA 2 exported by
 * {@code tools/vjepa2/export_vjepa2.py}, and the embeddings the eager PyTorch model gives to the same raw episodes
 * after the script's own preprocessing. {@code make test} exports a fresh one with the export virtualenv and points
 * {@code -Dsrpo.vjepa2.dir} at it; without it the copy shipped in the test resources is used.
 */
class VJepa2EncoderTest {

    /** Float32 through the same libtorch kernels; measured max |Java − Python| is ~1e-6 on embeddings of norm ~3. */
    static final double TOLERANCE = 1e-4;

    static Path dir;
    static Path model;
    static List<Video> videos;
    static double[][] expected;

    @BeforeAll
    static void findExport() throws IOException, URISyntaxException {
        String override = System.getProperty("srpo.vjepa2.dir");
        dir = override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(VJepa2EncoderTest.class.getResource("vjepa2").toURI());
        model = dir.resolve("vjepa2-tiny.pt");
        JsonNode ref = new ObjectMapper()
                .readTree(dir.resolve("vjepa2-tiny-reference.json").toFile());
        videos = new ArrayList<>();
        for (JsonNode v : ref.get("videos")) {
            int length = v.get("length").asInt();
            int h = v.get("height").asInt();
            int w = v.get("width").asInt();
            byte[] all = Base64.getDecoder().decode(v.get("rgb_base64").asText());
            List<byte[]> frames = new ArrayList<>();
            for (int t = 0; t < length; t++) {
                byte[] f = new byte[3 * w * h];
                System.arraycopy(all, t * f.length, f, 0, f.length);
                frames.add(f);
            }
            videos.add(new Video(frames, w, h));
        }
        JsonNode emb = ref.get("embeddings");
        expected = new double[emb.size()][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = new double[emb.get(i).size()];
            for (int j = 0; j < expected[i].length; j++)
                expected[i][j] = emb.get(i).get(j).asDouble();
        }
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i].length, a[i].length, "embedding " + i + " length");
            for (int j = 0; j < a[i].length; j++) max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
        }
        return max;
    }

    /** A copy of the export in {@code tmp} whose sidecar {@code edit} changes. */
    static Path copyWithSidecar(Path tmp, Consumer<ObjectNode> edit) throws IOException {
        Path pt = Files.copy(model, tmp.resolve("edited.pt"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode sidecar =
                (ObjectNode) json.readTree(dir.resolve("vjepa2-tiny.json").toFile());
        edit.accept(sidecar);
        json.writeValue(tmp.resolve("edited.json").toFile(), sidecar);
        return pt;
    }

    @Test
    void javaMatchesPythonOnTheSameEpisodes() {
        try (VJepa2Encoder enc = VJepa2Encoder.load(model, 2)) {
            assertEquals(64, enc.dimension());
            assertEquals(8, enc.recipe().frames());
            assertEquals("cpu", enc.device().getDeviceType());
            double[][] got = enc.encode(videos);
            double diff = maxAbsDiff(got, expected);
            System.out.printf(
                    "V-JEPA 2 tiny (%s): max |Java - Python| = %.3g over %d episodes%n", dir, diff, got.length);
            assertTrue(diff <= TOLERANCE, "max abs diff " + diff + " > " + TOLERANCE);
            // The episodes differ, so do their embeddings (a constant output would pass a loose check).
            assertTrue(maxAbsDiff(new double[][] {got[0]}, new double[][] {got[1]}) > 0.01);
        }
    }

    @Test
    void batchingAndEmptyVideosKeepOrder() {
        Video empty = new Video(List.of(), 8, 8);
        List<Video> mixed = List.of(videos.get(2), empty, videos.get(0), videos.get(1));
        try (VJepa2Encoder one = VJepa2Encoder.load(model, 1);
                VJepa2Encoder three = VJepa2Encoder.load(model, 3)) {
            double[][] a = one.encode(mixed);
            double[][] b = three.encode(mixed);
            assertEquals(0, a[1].length);
            assertEquals(0, b[1].length);
            double[][] reordered = {a[2], a[3], a[0]};
            assertTrue(maxAbsDiff(reordered, expected) <= TOLERANCE);
            assertTrue(maxAbsDiff(new double[][] {a[0], a[2], a[3]}, new double[][] {b[0], b[2], b[3]}) <= 1e-5);
        }
    }

    @Test
    void sidecarSettingsAreHonoured(@TempDir Path tmp) throws IOException {
        // A larger resize crops a smaller centre of each frame, so the embeddings must move.
        Path pt = copyWithSidecar(tmp, s -> s.put("resize_short_side", 96));
        try (VJepa2Encoder enc = VJepa2Encoder.load(pt)) {
            assertEquals(96, enc.recipe().resizeShortSide());
            assertEquals("vjepa2-edited", enc.name());
            assertTrue(maxAbsDiff(enc.encode(videos), expected) > 1e-3);
        }
    }

    @Test
    void sidecarThatDoesNotFitTheModelIsNamed(@TempDir Path tmp) throws IOException {
        Path pt = copyWithSidecar(tmp, s -> s.put("hidden_size", 32));
        try (VJepa2Encoder enc = VJepa2Encoder.load(pt)) {
            var e = assertThrows(IllegalStateException.class, () -> enc.encode(videos.subList(0, 1)));
            assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        }
    }

    @Test
    void missingOrWrongFilesAreClearErrors(@TempDir Path tmp) throws IOException {
        var missing = assertThrows(IllegalArgumentException.class, () -> VJepa2Encoder.load(tmp.resolve("none.pt")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());

        Path text = Files.writeString(tmp.resolve("text.pt"), "not a model");
        var notZip = assertThrows(IllegalArgumentException.class, () -> VJepa2Encoder.load(text));
        assertTrue(notZip.getMessage().contains("not a TorchScript file"), notZip.getMessage());

        Path checkpoint = tmp.resolve("vitg-384.pt"); // what torch.save writes: a zip with data, no code
        try (OutputStream out = Files.newOutputStream(checkpoint);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        var noCode = assertThrows(IllegalArgumentException.class, () -> VJepa2Encoder.load(checkpoint));
        assertTrue(noCode.getMessage().contains("torch.save"), noCode.getMessage());

        Path alone = Files.copy(model, tmp.resolve("alone.pt"));
        var noSidecar = assertThrows(IllegalArgumentException.class, () -> VJepa2Encoder.load(alone));
        assertTrue(noSidecar.getMessage().contains("no V-JEPA 2 sidecar"), noSidecar.getMessage());

        assertThrows(IllegalArgumentException.class, () -> VJepa2Encoder.load(model, 0));
    }

    @Test
    void badSidecarsAreClearErrors(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Files.createDirectories(a);
        var format = assertThrows(
                IllegalArgumentException.class,
                () -> VJepa2Encoder.load(copyWithSidecar(a, s -> s.put("format", "something-else/9"))));
        assertTrue(format.getMessage().contains("export the model again"), format.getMessage());

        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        var lacks = assertThrows(
                IllegalArgumentException.class, () -> VJepa2Encoder.load(copyWithSidecar(b, s -> s.remove("crop"))));
        assertTrue(lacks.getMessage().contains("lacks crop"), lacks.getMessage());

        Path c = tmp.resolve("c");
        Files.createDirectories(c);
        var small = assertThrows(
                IllegalArgumentException.class,
                () -> VJepa2Encoder.load(copyWithSidecar(c, s -> s.put("resize_short_side", 32))));
        assertTrue(small.getMessage().contains("smaller than the crop"), small.getMessage());

        if (Engines.pytorch().getGpuCount() == 0) {
            Path d = tmp.resolve("d");
            Files.createDirectories(d);
            var gpu = assertThrows(
                    IllegalArgumentException.class,
                    () -> VJepa2Encoder.load(
                            copyWithSidecar(d, s -> s.put("device", "cuda").put("dtype", "float16"))));
            assertTrue(gpu.getMessage().contains("DJL sees no GPU"), gpu.getMessage());
        }
    }

    @Test
    void clipTransformFollowsTheRecipe() {
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        // A solid frame stays solid through resize and crop: every value is (c / 255 - mean) / std.
        ClipTransform t = new ClipTransform(new VJepa2Recipe(4, 8, 9, mean, std, 16, "cpu", "float32", "test"));
        Video solid = new Video(List.of(PixelEncoderTest.solid(12, 10, 255, 0, 128)), 12, 10);
        float[] clip = t.apply(solid);
        assertEquals(4 * 3 * 8 * 8, clip.length);
        float[] want = {(1f - mean[0]) / std[0], (0f - mean[1]) / std[1], (128 / 255f - mean[2]) / std[2]};
        for (int i = 0; i < clip.length; i++) assertEquals(want[(i / 64) % 3], clip[i], 1e-6f, "value " + i);

        // Resize to the frame's own size and crop all of it: the identity, so the layout is visible.
        ClipTransform same = new ClipTransform(
                new VJepa2Recipe(2, 2, 2, new float[] {0, 0, 0}, new float[] {1, 1, 1}, 16, "cpu", "float32", "t"));
        byte[] f = new byte[3 * 2 * 2];
        for (int i = 0; i < f.length; i++) f[i] = (byte) (i * 20);
        float[] id = same.apply(new Video(List.of(f), 2, 2));
        // [T=2 (one frame cycled), C, H, W]: channel 0 holds bytes 0, 3, 6, 9 of the frame.
        float[] first = {0, 60, 120, 180, 20, 80, 140, 200, 40, 100, 160, 220};
        for (int i = 0; i < 12; i++) {
            assertEquals(first[i] / 255f, id[i], 1e-7f);
            assertEquals(id[i], id[12 + i], 0f);
        }
        assertArrayEquals(new int[] {0, 0}, new FrameSampler(2).indices(1));
    }
}
