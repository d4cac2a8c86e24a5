package dev.srpo.studies;

import dev.srpo.encoder.LatentEncoder;
import dev.srpo.encoder.PixelEncoder;
import dev.srpo.encoder.TrajectoryEncoder;
import dev.srpo.reward.TrajectoryEmbedding;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rollout.Video;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the SRPO reward costs per RL step on the CPU: embedding a batch of rollouts (default 512, the paper's batch)
 * with the shipped world model and with the pixel baseline, then the world-progress reward over the embeddings
 * (8 tasks, a third of the rollouts failed). Frames are random 64×64 images, episodes 100–300 frames: the cost
 * depends only on their sizes. Prints milliseconds per batch and ratios to the pixel baseline.
 *
 * <pre>bin/srpo bench reward [--rollouts 512] [--repeats 3]</pre>
 */
public final class RewardCostBench {

    private RewardCostBench() {}

    /** Prints the cost table for a batch of {@code rollouts} synthetic episodes, best of {@code repeats}. */
    public static void run(int rollouts, int repeats) {
        SplittableRandom random = new SplittableRandom(1);
        List<Video> videos = new ArrayList<>();
        for (int i = 0; i < rollouts; i++) {
            List<byte[]> frames = new ArrayList<>();
            int length = 100 + random.nextInt(201);
            for (int t = 0; t < length; t++) {
                byte[] f = new byte[64 * 64 * 3];
                for (int k = 0; k < f.length; k += 97) {
                    f[k] = (byte) random.nextInt(256);
                }
                frames.add(f);
            }
            videos.add(new Video(frames, 64, 64));
        }
        try (TrajectoryEncoder pixels = new PixelEncoder(8, 16);
                TrajectoryEncoder world = LatentEncoder.shipped()) {
            double pixelMs = time(pixels, videos, repeats);
            double worldMs = time(world, videos, repeats);
            double[][] embeddings = world.encode(videos);
            List<TrajectoryEmbedding> batch = new ArrayList<>();
            for (int i = 0; i < rollouts; i++) {
                batch.add(new TrajectoryEmbedding("task-" + i % 8, i % 3 != 0, embeddings[i]));
            }
            WorldProgressReward reward = WorldProgressReward.paper();
            reward.apply(batch); // warm-up
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                reward.apply(batch);
            }
            double rewardMs = (System.nanoTime() - start) / 1e6 / repeats;
            System.out.printf(
                    "SRPO reward cost for %d rollouts (%d cores)%n",
                    rollouts, Runtime.getRuntime().availableProcessors());
            System.out.println("| stage | ms per batch | ratio to pixel encoding |");
            System.out.println("|---|---:|---:|");
            System.out.printf("| encode, %s | %.0f | 1.00 |%n", pixels.name(), pixelMs);
            System.out.printf("| encode, %s | %.0f | %.2f |%n", world.name(), worldMs, worldMs / pixelMs);
            System.out.printf(
                    "| world-progress reward (DBSCAN, distances, mapping) | %.1f | %.3f |%n",
                    rewardMs, rewardMs / pixelMs);
        }
    }

    private static double time(TrajectoryEncoder encoder, List<Video> videos, int repeats) {
        encoder.encode(videos.subList(0, Math.min(8, videos.size()))); // warm-up
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            encoder.encode(videos);
        }
        return (System.nanoTime() - start) / 1e6 / repeats;
    }
}
