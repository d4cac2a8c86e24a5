package dev.srpo.rollout;

import dev.srpo.env.Env;
import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.Task;
import dev.srpo.env.VectorEnv;
import dev.srpo.io.ProgressBar;
import dev.srpo.policy.ActionChunks;
import dev.srpo.policy.VlaPolicy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rollout loop: runs a batch of episodes (any tasks, any initial states, whole groups) to their end with a
 * policy. Every chunk, the observations of all running episodes go through the policy together (in forward passes
 * of at most {@link #maxBatch(int)}), then each environment executes its chunk on the env threads. With two or
 * more threads the batch is split into two halves that take turns: one half's environments step while the policy
 * decides for the other, so neither the policy nor the environments wait for each other needlessly. The halves
 * are fixed by index, so the result does not depend on timing.
 *
 * <pre>{@code
 * RolloutCollector c = new RolloutCollector(task -> Envs.create("tabletop", task, options)).threads(2);
 * List<Group> groups = c.collectGroups(policy, prompts, 8, Decoding.sample(1.6f, seed));
 * }</pre>
 */
public final class RolloutCollector {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutCollector.class);

    private final Function<Task, ? extends Env> envs;
    private int threads = 1;
    private int keepFrames = Integer.MAX_VALUE;
    private int executeSteps = Integer.MAX_VALUE;
    private int maxBatch = 64;
    private int retries = 2;
    private PrintStream progress;
    private Timing last = new Timing(0, 0, 0, 0, 0);

    /**
     * What the last collection cost.
     *
     * @param seconds wall time of the whole collection
     * @param policySeconds time spent in the policy's forward passes (and decoding)
     * @param forwardPasses forward passes made
     * @param policySamples observations decided (one per running episode per chunk)
     * @param envSteps environment steps taken
     */
    public record Timing(double seconds, double policySeconds, long forwardPasses, long policySamples, long envSteps) {}

    /** @param envs makes a fresh environment for a task (the collector closes it when the batch is done) */
    public RolloutCollector(Function<Task, ? extends Env> envs) {
        this.envs = envs;
    }

    /** Threads stepping the environments (default 1: no overlap of policy and environments). */
    public RolloutCollector threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /**
     * Keeps the frames, as a {@link Video}, of only the first {@code rollouts} rollouts of a collection (default:
     * all; the reward needs them, an evaluation without videos needs none: 0).
     */
    public RolloutCollector keepFrames(int rollouts) {
        this.keepFrames = Math.max(0, rollouts);
        return this;
    }

    /**
     * Executes only the first {@code steps} actions of every chunk before the next forward pass (default: the whole
     * chunk, as OpenVLA* does); the tokens of steps not executed are not valid.
     */
    public RolloutCollector executeSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("executeSteps must be >= 1, got " + steps);
        }
        this.executeSteps = steps;
        return this;
    }

    /** Observations per forward pass at most (default 64), which bounds the policy's memory. */
    public RolloutCollector maxBatch(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.maxBatch = maxBatch;
        return this;
    }

    /**
     * Collects a batch again, on fresh environments, up to {@code retries} times when one of its environments is
     * lost ({@link Env#isLost()}: a LIBERO server or worker died). Every rollout has its own seed, so a batch
     * collected again is the batch that would have been (default 2; 0: fail at the first loss).
     */
    public RolloutCollector retries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        this.retries = retries;
        return this;
    }

    /** Draws a progress bar over finished episodes there (null: none). */
    public RolloutCollector progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** What the last {@link #collect} cost. */
    public Timing lastTiming() {
        return last;
    }

    /**
     * M rollouts of each prompt, rollout <i>j</i> of prompt <i>p</i> being rollout {@code p × M + j} of the
     * collection (its own seed, {@link Decoding#rolloutSeed}).
     */
    public List<Group> collectGroups(VlaPolicy policy, List<Start> prompts, int groupSize, Decoding decoding) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        }
        List<Start> starts = new ArrayList<>();
        for (Start p : prompts) {
            for (int j = 0; j < groupSize; j++) {
                starts.add(p);
            }
        }
        List<Rollout> rollouts = collect(policy, starts, decoding);
        List<Group> groups = new ArrayList<>();
        for (int p = 0; p < prompts.size(); p++) {
            groups.add(new Group(prompts.get(p), rollouts.subList(p * groupSize, (p + 1) * groupSize)));
        }
        return groups;
    }

    /**
     * Runs one episode from every start, all together, and returns them in order; a batch that loses an
     * environment is collected again ({@link #retries}).
     */
    public List<Rollout> collect(VlaPolicy policy, List<Start> starts, Decoding decoding) {
        for (int attempt = 0; ; attempt++) {
            try {
                return collectOnce(policy, starts, decoding);
            } catch (EnvironmentLost lost) {
                if (attempt >= retries) {
                    throw lost.failure;
                }
                LOG.warn(
                        "an environment was lost ({}): collecting these {} episodes again on fresh environments"
                                + " (retry {} of {})",
                        lost.failure.getMessage(),
                        starts.size(),
                        attempt + 1,
                        retries);
            }
        }
    }

    /** A failure of a batch that lost an environment: worth collecting again. */
    private static final class EnvironmentLost extends RuntimeException {
        final RuntimeException failure;

        EnvironmentLost(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private static RuntimeException lostOr(RuntimeException e, List<Env> envs) {
        return envs.stream().anyMatch(Env::isLost) ? new EnvironmentLost(e) : e;
    }

    private List<Rollout> collectOnce(VlaPolicy policy, List<Start> starts, Decoding decoding) {
        long t0 = System.nanoTime();
        int n = starts.size();
        if (n == 0) {
            last = new Timing(0, 0, 0, 0, 0);
            return List.of();
        }
        List<Env> list = new ArrayList<>(n);
        VectorEnv made;
        try {
            for (Start s : starts) {
                list.add(envs.apply(s.task()));
            }
            made = new VectorEnv(list, threads);
        } catch (RuntimeException e) {
            list.forEach(Env::close);
            throw lostOr(e, list);
        }
        Episode[] episodes = new Episode[n];
        int halves = threads > 1 && n > 1 ? 2 : 1;
        ExecutorService stepper = halves > 1 ? Executors.newSingleThreadExecutor(RolloutCollector::daemon) : null;
        try (VectorEnv venv = made) {
            Observation[] first;
            try {
                first = venv.reset(starts.stream().mapToInt(Start::initialState).toArray());
            } catch (RuntimeException e) {
                throw lostOr(e, list);
            }
            for (int i = 0; i < n; i++) {
                long seed = decoding.isGreedy() ? 0 : decoding.rolloutSeed(i);
                episodes[i] = new Episode(first[i], list.get(i).info(), seed, i < keepFrames);
            }
            Loop loop = new Loop(policy, decoding, venv, episodes, new ProgressBar(progress, "rollout", n));
            Future<List<List<StepResult>>> inFlight = null;
            float[][][] inFlightChunks = null;
            try {
                for (int h = 0; !loop.allDone() || inFlight != null; h = (h + 1) % halves) {
                    float[][][] chunks = loop.decide(h, halves); // overlaps the other half's stepping
                    if (inFlight != null) {
                        Future<List<List<StepResult>>> f = inFlight;
                        inFlight = null;
                        loop.apply(inFlightChunks, await(f));
                    }
                    if (chunks == null) {
                        continue;
                    }
                    if (stepper == null) {
                        loop.apply(chunks, venv.stepChunks(chunks));
                    } else {
                        float[][][] c = chunks;
                        inFlight = stepper.submit(() -> venv.stepChunks(c));
                        inFlightChunks = chunks;
                    }
                }
            } catch (RuntimeException e) {
                // let the other half finish its chunk before the environments close under it
                if (inFlight != null) {
                    try {
                        inFlight.get();
                    } catch (InterruptedException | ExecutionException ignored) {
                        // the first failure is the one to report
                    }
                }
                throw lostOr(e, list);
            }
            List<Rollout> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(episodes[i].toRollout(
                        starts.get(i), decoding, venv.env(i).elapsedSteps()));
            }
            last = new Timing(
                    (System.nanoTime() - t0) / 1e9, loop.policyNanos / 1e9, loop.passes, loop.samples, loop.steps);
            return out;
        } finally {
            if (stepper != null) {
                stepper.shutdownNow();
            }
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stepping environments", e);
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "srpo-rollout-stepper");
        t.setDaemon(true);
        return t;
    }

    /** The state of one collection; touched by the caller's thread only. */
    private final class Loop {
        final VlaPolicy policy;
        final Decoding decoding;
        final VectorEnv venv;
        final Episode[] episodes;
        final ProgressBar bar;
        long policyNanos;
        long passes;
        long samples;
        long steps;
        int finished;

        Loop(VlaPolicy policy, Decoding decoding, VectorEnv venv, Episode[] episodes, ProgressBar bar) {
            this.policy = policy;
            this.decoding = decoding;
            this.venv = venv;
            this.episodes = episodes;
            this.bar = bar;
        }

        boolean allDone() {
            return finished == episodes.length;
        }

        /** The policy's chunks for the running episodes of half {@code h}; null if none is running. */
        float[][][] decide(int h, int halves) {
            List<Integer> running = new ArrayList<>();
            for (int i = h; i < episodes.length; i += halves) {
                if (!episodes[i].done) {
                    running.add(i);
                }
            }
            if (running.isEmpty()) {
                return null;
            }
            long t = System.nanoTime();
            float[][][] chunks = new float[episodes.length][][];
            for (int from = 0; from < running.size(); from += maxBatch) {
                List<Integer> part = running.subList(from, Math.min(running.size(), from + maxBatch));
                List<Observation> batch = new ArrayList<>(part.size());
                long[] seeds = new long[part.size()];
                for (int j = 0; j < part.size(); j++) {
                    Episode e = episodes[part.get(j)];
                    batch.add(e.observation);
                    seeds[j] = Decoding.chunkSeed(e.seed, e.chunks.size());
                }
                ActionChunks a = decoding.isGreedy()
                        ? policy.greedy(batch)
                        : policy.sample(batch, decoding.temperature(), seeds);
                passes++;
                samples += part.size();
                int k = Math.min(executeSteps, a.chunk());
                for (int j = 0; j < part.size(); j++) {
                    int i = part.get(j);
                    episodes[i].decided(a.tokens()[j], a.logProbs()[j], a.temperature());
                    chunks[i] = Arrays.copyOf(a.actions()[j], k);
                }
            }
            policyNanos += System.nanoTime() - t;
            return chunks;
        }

        void apply(float[][][] chunks, List<List<StepResult>> results) {
            for (int i = 0; i < chunks.length; i++) {
                if (chunks[i] != null) {
                    List<StepResult> r = results.get(i);
                    steps += r.size();
                    if (episodes[i].stepped(r)) {
                        finished++;
                    }
                }
            }
            bar.update(finished, "");
        }
    }

    /** One running episode's record. */
    private static final class Episode {
        final long seed;
        final List<Rollout.Chunk> chunks = new ArrayList<>();
        final List<byte[]> frames;
        final List<float[]> path = new ArrayList<>();
        Observation observation;
        int frame;
        boolean success;
        boolean done;
        Map<String, Object> info = Map.of();
        final List<Integer> stages = new ArrayList<>(); // the stage after each chunk, where the environment has one
        final List<Double> progress = new ArrayList<>(); // the progress at the start and after each chunk, likewise
        float temperature = 1;
        int[] tokens;
        float[] logProbs;

        Episode(Observation first, Map<String, Object> startInfo, long seed, boolean keepFrames) {
            this.seed = seed;
            if (startInfo.get(Rollout.PROGRESS) instanceof Number p) {
                progress.add(p.doubleValue());
            }
            this.frames = keepFrames ? new ArrayList<>() : null;
            see(first);
        }

        void decided(int[] tokens, float[] logProbs, float temperature) {
            this.tokens = tokens;
            this.logProbs = logProbs;
            this.temperature = temperature;
        }

        /** Records a chunk's steps; true if the episode ended. */
        boolean stepped(List<StepResult> results) {
            chunks.add(new Rollout.Chunk(frame, observation, tokens, logProbs, results.size()));
            for (StepResult r : results) {
                see(r.observation());
                success = r.success();
                done = r.done();
                info = r.info();
            }
            if (info.get(Rollout.STAGE) instanceof Number stage) {
                stages.add(stage.intValue());
            }
            if (info.get(Rollout.PROGRESS) instanceof Number p) {
                progress.add(p.doubleValue());
            }
            return done;
        }

        private void see(Observation o) {
            if (observation != null) {
                frame++;
            }
            observation = o;
            if (frames != null) {
                frames.add(o.agentview());
            }
            float[] p = o.proprio();
            path.add(Arrays.copyOf(p, Math.min(3, p.length)));
        }

        Rollout toRollout(Start start, Decoding decoding, int steps) {
            Observation o = observation;
            Video video = frames == null ? null : new Video(frames, o.width(), o.height());
            return new Rollout(
                    start,
                    seed,
                    temperature,
                    decoding.isGreedy(),
                    chunks,
                    video,
                    path.toArray(new float[0][]),
                    success,
                    steps,
                    perChunk(info));
        }

        /** The last step's info, with the stage and progress per chunk where the environment reported them all. */
        private Map<String, Object> perChunk(Map<String, Object> last) {
            Map<String, Object> all = new TreeMap<>(last);
            if (!chunks.isEmpty() && stages.size() == chunks.size()) {
                all.put(Rollout.CHUNK_STAGES, List.copyOf(stages));
            }
            if (!chunks.isEmpty() && progress.size() == chunks.size() + 1) {
                all.put(Rollout.CHUNK_PROGRESS, List.copyOf(progress));
            }
            return all;
        }
    }
}
