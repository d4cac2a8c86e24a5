package dev.srpo.rl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Seeds;
import dev.srpo.encoder.FrameWiseEncoder;
import dev.srpo.encoder.TrajectoryEncoder;
import dev.srpo.env.Task;
import dev.srpo.io.ProgressBar;
import dev.srpo.io.Provenance;
import dev.srpo.policy.SmallVla;
import dev.srpo.rollout.Decoding;
import dev.srpo.rollout.Group;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutBuffer;
import dev.srpo.rollout.RolloutCollector;
import dev.srpo.rollout.Start;
import dev.srpo.rollout.Video;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Fills an offline buffer ({@code srpo offline collect}): rollouts of the collecting policy on training layouts,
 * batch by batch, each rollout stored with the world-model embeddings of its prefixes at every chunk boundary. A
 * buffer that exists is continued from its next batch (same settings), so an interrupted collection loses at most
 * one batch.
 *
 * <p>Prefix embeddings: an encoder that pools per-frame features ({@link FrameWiseEncoder}, the shipped ones)
 * embeds every frame once and pools each prefix from them; any other (V-JEPA 2) encodes at most
 * {@value #ENCODED_PREFIXES} evenly spaced prefixes as videos of their own, and the boundaries in between get
 * embeddings interpolated linearly.
 */
public final class BufferCollector {

    /** Prefixes encoded per rollout, at most, by an encoder that must re-encode each prefix. */
    static final int ENCODED_PREFIXES = 16;

    private final CollectConfig config;
    private PrintStream log = System.err;

    public BufferCollector(CollectConfig config) {
        this.config = config.validate();
    }

    /** Where progress goes (default standard error; null: nowhere). */
    public BufferCollector log(PrintStream log) {
        this.log = log;
        return this;
    }

    /**
     * Collects into {@code dir} every batch not there yet.
     *
     * @throws IllegalArgumentException if {@code dir} holds a buffer of other settings or of another encoder
     */
    public RolloutBuffer collect(Path dir) {
        RolloutBuffer buffer;
        try (SmallVla policy = SmallVla.load(Path.of(config.init()));
                TrajectoryEncoder encoder = Trainer.encoder(config.encoder())) {
            buffer = open(dir, encoder);
            List<Start> prompts = prompts();
            int batches = (prompts.size() + config.promptsPerBatch() - 1) / config.promptsPerBatch();
            RolloutCollector collector = new RolloutCollector(
                            Trainer.envs(config.env(), policy.config().imageSize(), true))
                    .threads(config.threads())
                    .maxBatch(config.maxBatch());
            if (log != null) {
                log.printf(
                        "srpo offline collect: %s (%d rollouts in %d batches; %d there)%n",
                        dir.toAbsolutePath(), prompts.size() * config.groupSize(), batches, buffer.size());
                config.asMap().forEach((k, v) -> log.printf("  %-16s %s%n", k, v));
            }
            ProgressBar bar = new ProgressBar(log, "collect", batches).startingAt(buffer.batches());
            for (int b = buffer.batches(); b < batches; b++) {
                long t0 = System.nanoTime();
                List<Start> part = prompts.subList(
                        b * config.promptsPerBatch(), Math.min(prompts.size(), (b + 1) * config.promptsPerBatch()));
                Decoding decoding = Decoding.sample(config.temperature(), Seeds.derive(config.seed(), b));
                List<RolloutBuffer.Stored> stored = new ArrayList<>();
                for (Group g : collector.collectGroups(policy, part, config.groupSize(), decoding)) {
                    for (Rollout r : g.rollouts()) {
                        stored.add(new RolloutBuffer.Stored(r.withoutVideo(), prefixEmbeddings(encoder, r)));
                    }
                }
                buffer.append(stored, (System.nanoTime() - t0) / 1e9);
                bar.update(b + 1, String.format("success %.0f%%", 100.0 * buffer.successes() / buffer.size()));
            }
        }
        return buffer;
    }

    /**
     * The collection's prompts: every task's {@code layoutsPerTask} training layouts, layout-major (so that every
     * batch spans the tasks), each drawn at random from the task's 50.
     */
    List<Start> prompts() {
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), 1));
        List<Task> tasks = config.suiteValue().tasks();
        List<Start> prompts = new ArrayList<>();
        for (int k = 0; k < config.layoutsPerTask(); k++) {
            for (Task t : tasks) {
                prompts.add(new Start(t, random.nextInt(Task.INITIAL_STATES)));
            }
        }
        return prompts;
    }

    private RolloutBuffer open(Path dir, TrajectoryEncoder encoder) {
        if (!Files.exists(dir.resolve(RolloutBuffer.INDEX))) {
            ObjectNode description = config.toJson();
            description.put("dimension", encoder.dimension());
            description.put("commit", Provenance.commit());
            description.put(
                    "rollouts", config.suiteValue().tasks().size() * config.layoutsPerTask() * config.groupSize());
            return RolloutBuffer.create(dir, description);
        }
        RolloutBuffer buffer = RolloutBuffer.open(dir);
        if (buffer.dimension() != encoder.dimension() || !buffer.encoder().equals(config.encoder())) {
            throw new IllegalArgumentException(dir + " holds embeddings of " + buffer.encoder() + " ("
                    + buffer.dimension() + " numbers), not of " + config.encoder() + " (" + encoder.dimension()
                    + "): one encoder per buffer");
        }
        Map<String, String> mine = comparable(config);
        Map<String, String> theirs = comparable(CollectConfig.of(buffer.description()));
        if (!mine.equals(theirs)) {
            throw new IllegalArgumentException(dir + " holds a buffer collected with other settings: " + theirs
                    + "; continue it with the same ones, or choose another folder");
        }
        return buffer;
    }

    /** The settings that decide what is collected (threads and batch size only decide how fast). */
    private static Map<String, String> comparable(CollectConfig c) {
        Map<String, String> m = new TreeMap<>(c.asMap());
        m.remove("threads");
        m.remove("maxBatch");
        return m;
    }

    /**
     * The embeddings of a rollout's prefixes at its chunk boundaries: the frames up to each chunk's decision, then
     * the whole trajectory.
     */
    static double[][] prefixEmbeddings(TrajectoryEncoder encoder, Rollout r) {
        Video video = r.video();
        int chunks = r.chunks().size();
        int[] lengths = new int[chunks + 1];
        for (int c = 0; c < chunks; c++) {
            lengths[c] = r.chunks().get(c).frame() + 1;
        }
        lengths[chunks] = video.length();
        double[][] out = new double[chunks + 1][];
        if (encoder instanceof FrameWiseEncoder fw) {
            double[][] features = fw.frameFeatures(video);
            for (int c = 0; c <= chunks; c++) {
                out[c] = fw.pool(features, lengths[c]);
            }
            return out;
        }
        // evenly spaced boundaries, the first and the last included, each encoded as a video of its own
        int encoded = Math.min(chunks + 1, ENCODED_PREFIXES);
        int[] at = new int[encoded];
        List<Video> prefixes = new ArrayList<>();
        for (int k = 0; k < encoded; k++) {
            at[k] = encoded == 1 ? chunks : (int) Math.round((double) k * chunks / (encoded - 1));
            prefixes.add(new Video(video.frames().subList(0, lengths[at[k]]), video.width(), video.height()));
        }
        double[][] e = encoder.encode(prefixes);
        for (int k = 0; k < encoded; k++) {
            out[at[k]] = e[k];
        }
        for (int k = 0; k + 1 < encoded; k++) {
            for (int c = at[k] + 1; c < at[k + 1]; c++) {
                double f = (double) (c - at[k]) / (at[k + 1] - at[k]);
                out[c] = new double[e[k].length];
                for (int j = 0; j < e[k].length; j++) {
                    out[c][j] = (1 - f) * e[k][j] + f * e[k + 1][j];
                }
            }
        }
        return out;
    }
}
