package dev.srpo.rollout;

import dev.srpo.env.Observation;
import dev.srpo.env.Task;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One episode, never merged with another (the released SRPO code merges the frames of rollouts that share an
 * initial state; srpo-paper.md §2.10): where it started, what the policy decided chunk by chunk with the
 * log-probabilities recorded when it decided, its frames and its outcome. The PPO update replays its chunks
 * ({@link Chunk#observation()}, {@link Chunk#tokens()}) through {@code VlaPolicy.score} at {@link #temperature()};
 * the reward sees its {@link #video()}.
 *
 * <p>Neighbours: {@code eval.EpisodeResult} is the evaluator's summary of one (task, state, success, steps,
 * video); {@code reward.TrajectoryEmbedding} is what a reward function sees of one (task, success, embedding);
 * {@code data.Episode} is a demonstration (continuous actions, no tokens); {@code studies.LabelledTrajectory} a
 * benchmark trajectory with its true stages.
 *
 * @param start the task and initial state (a training layout for RL rollouts)
 * @param seed the sampling seed of this rollout (0 when greedy)
 * @param temperature the temperature of the distribution the recorded log-probs are under (1 when greedy)
 * @param greedy whether the tokens were decoded greedily
 * @param chunks the policy's decisions, in order
 * @param video the third-person frames, the first observation and then one per step; null when not kept
 * @param path the end-effector position (x, y, z) at the first observation and after every step
 * @param success whether the episode reached its goal
 * @param steps policy steps taken
 * @param info what the environment reported with its last step ({@code StepResult.info}: e.g. the tabletop's task
 *     {@link #STAGE}), and, where the environment reports a stage, the stage after every chunk under
 *     {@link #CHUNK_STAGES} (likewise its progress at the start and after every chunk under
 *     {@link #CHUNK_PROGRESS}); privileged, for studies and diagnostics, never for the policy or the reward (but for
 *     the oracle reward of studies, which reads {@link #PROGRESS}, and the progress-awr ablation)
 */
public record Rollout(
        Start start,
        long seed,
        float temperature,
        boolean greedy,
        List<Chunk> chunks,
        Video video,
        float[][] path,
        boolean success,
        int steps,
        Map<String, Object> info) {

    /**
     * One forward pass's decision for this rollout.
     *
     * @param frame index of the observation it decided from, in the rollout's frames (0 = first)
     * @param observation that observation
     * @param tokens the chunk's K × 7 action tokens
     * @param logProbs each token's log-probability when it was decided ("old log-probs")
     * @param validSteps how many of the chunk's K steps the environment executed (fewer when it ended mid-chunk)
     */
    public record Chunk(int frame, Observation observation, int[] tokens, float[] logProbs, int validSteps) {

        /** Tokens of executed steps: the first {@code validSteps × 7} (tokens are step-major). */
        public int validTokens() {
            return validSteps * 7;
        }
    }

    /**
     * The step-info key of the task stage, where the environment reports one (the tabletop's goal conditions
     * holding, in order).
     */
    public static final String STAGE = "stage";

    /**
     * The step-info key of the task's dense progress, 0 to 1, where the environment reports one (the tabletop's
     * {@code TabletopEnv.INFO_PROGRESS}: goal conditions done plus how near the next one is).
     */
    public static final String PROGRESS = "progress";

    /** The {@link #info()} key of the stage after each chunk, in order (a list of integers; absent without stages). */
    public static final String CHUNK_STAGES = "chunk_stages";

    /**
     * The {@link #info()} key of the task progress ({@link #PROGRESS}) at the start and after each chunk, in order
     * (a list of numbers, one more than the chunks; absent where the environment reports no progress).
     */
    public static final String CHUNK_PROGRESS = "chunk_progress";

    public Rollout {
        chunks = List.copyOf(chunks);
        info = info == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(info));
    }

    /** This rollout without its frames (what a buffer keeps: the chunks' observations suffice to train). */
    public Rollout withoutVideo() {
        return new Rollout(start, seed, temperature, greedy, chunks, null, path, success, steps, info);
    }

    /** This rollout with other environment info. */
    public Rollout withInfo(Map<String, Object> info) {
        return new Rollout(start, seed, temperature, greedy, chunks, video, path, success, steps, info);
    }

    /** The task it ran. */
    public Task task() {
        return start.task();
    }

    /** The initial-state index it started from. */
    public int initialState() {
        return start.initialState();
    }

    /** The task progress its last step reported ({@link #PROGRESS}); NaN when the environment reported none. */
    public double progress() {
        return info.get(PROGRESS) instanceof Number p ? p.doubleValue() : Double.NaN;
    }

    /**
     * The stage after each chunk ({@link #CHUNK_STAGES}), one per chunk; null when the environment reported none.
     */
    public int[] chunkStages() {
        if (!(info.get(CHUNK_STAGES) instanceof List<?> list) || list.size() != chunks.size()) {
            return null;
        }
        int[] stages = new int[list.size()];
        for (int c = 0; c < stages.length; c++) {
            stages[c] = ((Number) list.get(c)).intValue();
        }
        return stages;
    }

    /**
     * The task progress at the start and after each chunk ({@link #CHUNK_PROGRESS}): one more value than chunks;
     * null when the environment reported none.
     */
    public double[] chunkProgress() {
        if (!(info.get(CHUNK_PROGRESS) instanceof List<?> list) || list.size() != chunks.size() + 1) {
            return null;
        }
        double[] progress = new double[list.size()];
        for (int c = 0; c < progress.length; c++) {
            progress[c] = ((Number) list.get(c)).doubleValue();
        }
        return progress;
    }

    /** Action tokens of executed steps, summed over chunks (what the PPO loss averages over). */
    public int validTokens() {
        int n = 0;
        for (Chunk c : chunks) {
            n += c.validTokens();
        }
        return n;
    }
}
