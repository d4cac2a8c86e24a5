package dev.srpo.studies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.encoder.PixelEncoder;
import dev.srpo.encoder.TrajectoryEncoder;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.metrics.ProgressMetrics;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rollout.Video;
import dev.srpo.studies.ProgressBenchmark.TaskScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBenchmarkTest {

    private static final Task TASK = Suite.GOAL.task(3);

    /** A block pushed right: a success reaches column {@code 24}, a failure stops at {@code stop}. */
    static LabelledTrajectory pushed(boolean success, int stop, int frames, int shade) {
        int side = 32;
        List<byte[]> out = new ArrayList<>();
        int[] stages = new int[frames];
        for (int t = 0; t < frames; t++) {
            int x0 = Math.min(stop, t * 24 / (frames - 1));
            byte[] f = new byte[3 * side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean block = y >= 12 && y < 20 && x >= x0 && x < x0 + 8;
                    int i = 3 * (y * side + x);
                    f[i] = (byte) (block ? 220 : shade);
                    f[i + 1] = (byte) (block ? 30 : shade);
                    f[i + 2] = (byte) (block ? 30 : shade);
                }
            }
            out.add(f);
            stages[t] = x0 >= 24 ? 2 : x0 >= 12 ? 1 : 0;
        }
        return new LabelledTrajectory(
                TASK, 0, success ? "test success" : "test failure", null, success, new Video(out, side, side), stages);
    }

    static List<LabelledTrajectory> synthetic() {
        return List.of(
                pushed(true, 24, 40, 100),
                pushed(true, 24, 46, 104),
                pushed(true, 24, 52, 98),
                pushed(true, 24, 44, 102),
                pushed(false, 6, 60, 100),
                pushed(false, 10, 60, 103));
    }

    @Test
    void aTrackingEncoderScoresHighAndSeparates() {
        ProgressBenchmark bench = new ProgressBenchmark(List.of(new PixelEncoder(8, 8)), WorldProgressReward.paper());
        List<ProgressCurve> curves = bench.curves(new PixelEncoder(8, 8), TASK, synthetic());
        assertEquals(6, curves.size());
        ProgressCurve first = curves.get(0);
        assertEquals(ProgressBenchmark.FIRST_PREFIX, first.prefixLengths()[0]);
        assertEquals(40, first.prefixLengths()[first.prefixLengths().length - 1]);
        assertEquals(1.0, first.progress()[first.progress().length - 1], 1e-12, "the whole success is its own goal");
        TaskScores s = ProgressBenchmark.scores(TASK.id(), curves);
        assertEquals(4, s.successes());
        assertEquals(2, s.failures());
        assertTrue(s.sc() > 0.9, "SC " + s.sc());
        assertTrue(s.stageCorrelation() > 0.5, "stage ρ " + s.stageCorrelation());
        // the failures stop early, far from the successes: their final progress is lower
        assertTrue(s.smd() > 1, "SMD " + s.smd());
        assertTrue(s.js() > 0.3 && s.js() <= Math.log(2) + 1e-12, "JS " + s.js());
        for (ProgressCurve c : curves) {
            if (!c.success()) {
                assertTrue(c.finalProgress() < 0.5, "failure final progress " + c.finalProgress());
            }
        }
    }

    @Test
    void aBlindEncoderDoesNot() {
        TrajectoryEncoder blind = new TrajectoryEncoder() { // the same embedding whatever it sees
                    @Override
                    public String name() {
                        return "blind";
                    }

                    @Override
                    public int dimension() {
                        return 2;
                    }

                    @Override
                    public double[][] encode(List<Video> videos) {
                        return videos.stream().map(v -> new double[] {1, 2}).toArray(double[][]::new);
                    }
                };
        ProgressBenchmark bench = new ProgressBenchmark(List.of(blind), WorldProgressReward.paper());
        TaskScores s = ProgressBenchmark.scores(TASK.id(), bench.curves(blind, TASK, synthetic()));
        assertTrue(Double.isNaN(s.sc()), "no progress to rank");
        assertEquals(0, s.mono(), 1e-12);
        assertEquals(0, s.mmd(), 1e-12);
    }

    @Test
    void scoresAreTheMetricsOfTheCurves() {
        ProgressCurve rising = new ProgressCurve(
                "t",
                "p",
                null,
                true,
                new int[] {11, 12, 13},
                new double[] {0, 0.4, 1},
                new int[] {0, 1, 1},
                0.1,
                0.9,
                new double[0]);
        ProgressCurve dip = new ProgressCurve(
                "t",
                "p",
                null,
                true,
                new int[] {11, 12, 13},
                new double[] {0.5, 0, 1},
                new int[] {0, 0, 1},
                0.2,
                0.7,
                new double[0]);
        ProgressCurve failed = new ProgressCurve(
                "t",
                "p",
                null,
                false,
                new int[] {11, 12},
                new double[] {0, 1},
                new int[] {0, 0},
                0.8,
                0.1,
                new double[0]);
        TaskScores s = ProgressBenchmark.scores("t", List.of(rising, dip, failed));
        assertEquals((1 + 0.5) / 2, s.sc(), 1e-12);
        assertEquals((1 + 0.5) / 2, s.mono(), 1e-12);
        double[] fs = {0.9, 0.7};
        double[] ff = {0.1};
        assertEquals(ProgressMetrics.mmd(fs, ff, ProgressMetrics.MMD_BANDWIDTH), s.mmd(), 1e-12);
        assertEquals(ProgressMetrics.jensenShannon(fs, ff, ProgressMetrics.JS_BINS), s.js(), 1e-12);
        assertEquals(ProgressMetrics.smd(fs, ff), s.smd(), 1e-12);
    }

    @Test
    void prefixesStartAtElevenFrames() {
        assertArrayEquals(new int[] {11, 12, 13}, ProgressBenchmark.prefixLengths(13, true));
        assertArrayEquals(new int[] {5}, ProgressBenchmark.prefixLengths(5, false));
        int[] spread = ProgressBenchmark.prefixLengths(300, false);
        assertEquals(ProgressBenchmark.PREFIXES, spread.length);
        assertEquals(11, spread[0]);
        assertEquals(300, spread[spread.length - 1]);
    }

    @Test
    void theCommandWritesTheTableAndNamesBadOptions(@TempDir Path out) throws Exception {
        int status = dev.srpo.cli.Srpo.run(
                new String[] {"reward-benchmark", "--profile", "ci", "--tasks-per-suite", "1", "--out", out.toString()},
                System.out,
                System.err);
        assertEquals(0, status);
        String md = Files.readString(out.resolve("progress-benchmark-ci.md"));
        assertTrue(md.contains("| pixels-8x16 |") && md.contains("| world-model |"), md);
        assertEquals(
                4, Files.readAllLines(out.resolve("progress-benchmark-ci.csv")).size(), "header + 3 encoders");
    }
}
