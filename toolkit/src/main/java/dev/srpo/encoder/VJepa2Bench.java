package dev.srpo.encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srpo.rollout.Video;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How fast a V-JEPA 2 export embeds trajectories: trajectories/s of Java's preprocessing alone, of the whole
 * {@link VJepa2Encoder} (preprocessing + DJL forward), and, with {@code --python}, of the same file in PyTorch
 * ({@code export_vjepa2.py bench}, same episodes' sizes, same batch), with the ratio DJL / PyTorch. On a GPU
 * machine use a {@code --device cuda --dtype float16} export and the CUDA build of libtorch.
 *
 * <pre>
 * make vjepa2-bench                         (the tiny test export, CPU)
 * make vjepa2-bench MODEL=path/vitg-384.pt  (a real export)
 * bin/srpo bench vjepa2 MODEL.pt [--batch 4] [--length 100] [--size 256] [--iterations 10] [--warmup 3]
 *      [--threads N] [--python .venv-export/bin/python]
 * </pre>
 */
public final class VJepa2Bench {

    private VJepa2Bench() {}

    /**
     * Prints trajectories/s of {@code model} through DJL (and through PyTorch with {@code python}, or null).
     *
     * @param threads libtorch's intra- and inter-op threads (0: libtorch's default)
     */
    public static void run(
            Path model, int batch, int length, int size, int iterations, int warmup, String python, int threads)
            throws IOException, InterruptedException {
        if (threads > 0) {
            // libtorch's thread pools, fixed before the engine starts; the PyTorch twin gets the same number.
            System.setProperty("ai.djl.pytorch.num_threads", "" + threads);
            System.setProperty("ai.djl.pytorch.num_interop_threads", "" + threads);
        }
        List<Video> videos = randomVideos(batch, length, size);
        try (VJepa2Encoder encoder = VJepa2Encoder.load(model, batch)) {
            System.out.printf(
                    "SRPO Lab V-JEPA 2 benchmark: %s%n%d episodes of %d frames %dx%d per batch, %d timed batches "
                            + "after %d warm-up, %d cores%n",
                    encoder,
                    batch,
                    length,
                    size,
                    size,
                    iterations,
                    warmup,
                    Runtime.getRuntime().availableProcessors());
            ClipTransform transform = new ClipTransform(encoder.recipe());
            double prep = perSecond(batch, warmup, iterations, () -> videos.forEach(transform::apply));
            float[] clips = new float[batch * transform.clipSize()];
            for (int i = 0; i < batch; i++) transform.apply(videos.get(i), clips, i * transform.clipSize());
            int n = batch;
            double forward = perSecond(batch, warmup, iterations, () -> encoder.forwardClips(clips, n));
            double djl = perSecond(batch, warmup, iterations, () -> encoder.encode(videos));
            double[] torch =
                    python == null ? null : pythonTwin(python, model, batch, length, size, iterations, warmup, threads);
            System.out.println("| case | trajectories/s | ratio |");
            System.out.println("|---|---|---|");
            System.out.printf(
                    "| Java preprocessing only (ClipTransform) | %.2f | %.2f× DJL end to end |%n", prep, prep / djl);
            System.out.printf("| DJL forward only | %.2f | %.2f× DJL end to end |%n", forward, forward / djl);
            System.out.printf("| DJL end to end (preprocessing + forward) | %.2f | 1.00 |%n", djl);
            if (torch != null) {
                System.out.printf(
                        "| PyTorch forward only | %.2f | DJL forward is %.2f× PyTorch's |%n",
                        torch[1], forward / torch[1]);
                System.out.printf(
                        "| PyTorch end to end (export_vjepa2.py bench) | %.2f | DJL is %.2f× PyTorch |%n",
                        torch[0], djl / torch[0]);
            }
        }
    }

    /** Random RGB episodes: the content does not change the cost. */
    static List<Video> randomVideos(int count, int length, int size) {
        Random random = new Random(0);
        List<Video> videos = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            List<byte[]> frames = new ArrayList<>();
            for (int t = 0; t < length; t++) {
                byte[] f = new byte[3 * size * size];
                random.nextBytes(f);
                frames.add(f);
            }
            videos.add(new Video(frames, size, size));
        }
        return videos;
    }

    private static double perSecond(int batch, int warmup, int iterations, Runnable work) {
        for (int i = 0; i < warmup; i++) work.run();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) work.run();
        return (double) iterations * batch / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs the PyTorch twin; its trajectories/s (end to end, forward only) from the JSON line it prints. */
    private static double[] pythonTwin(
            String python, Path model, int batch, int length, int size, int iterations, int warmup, int threads)
            throws IOException, InterruptedException {
        Path script = Path.of("tools", "vjepa2", "export_vjepa2.py");
        ProcessBuilder pb = new ProcessBuilder(
                        python,
                        script.toString(),
                        "bench",
                        "--model",
                        model.toString(),
                        "--batch",
                        "" + batch,
                        "--length",
                        "" + length,
                        "--size",
                        "" + size,
                        "--iterations",
                        "" + iterations,
                        "--warmup",
                        "" + warmup,
                        "--threads",
                        "" + threads,
                        "--json")
                .redirectErrorStream(true);
        Process p = pb.start();
        double[] tps = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("{\"trajectories_per_second\"")) {
                    var json = new ObjectMapper().readTree(line);
                    tps = new double[] {
                        json.get("trajectories_per_second").asDouble(),
                        json.get("forward_trajectories_per_second").asDouble()
                    };
                } else if (!line.contains("Warning")) {
                    System.out.println("  python: " + line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || tps == null) {
            throw new IllegalStateException(
                    "the PyTorch twin (" + python + " " + script + " bench) failed, exit " + rc);
        }
        return tps;
    }
}
