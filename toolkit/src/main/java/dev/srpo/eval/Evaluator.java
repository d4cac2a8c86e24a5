package dev.srpo.eval;

import dev.srpo.env.Env;
import dev.srpo.env.Task;
import dev.srpo.io.ProgressBar;
import dev.srpo.policy.VlaPolicy;
import dev.srpo.rollout.Decoding;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutCollector;
import dev.srpo.rollout.Start;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * LIBERO's evaluation protocol for a policy: for every task, one episode from each of the configured initial
 * states (all 50 by default), greedy decoding, each action chunk executed step by step, success checked every
 * step. The episodes of one task run together through the {@link RolloutCollector}, so it works for any
 * {@link Env}: the embedded simulator or the LIBERO bridge.
 *
 * <pre>{@code
 * EvalResult r = new Evaluator(task -> new TabletopEnv(task, opts)).threads(2).evaluate(policy, Suite.GOAL.tasks());
 * r.suiteTable();
 * }</pre>
 */
public final class Evaluator {

    private final Function<Task, ? extends Env> envs;
    private int[] initialStates = range(Task.INITIAL_STATES);
    private int threads = 1;
    private int videosPerTask;
    private int executed = Integer.MAX_VALUE;
    private PrintStream progress;

    /** @param envs makes a fresh environment for a task (the evaluator closes it) */
    public Evaluator(Function<Task, ? extends Env> envs) {
        this.envs = envs;
    }

    /** Evaluates only these initial states (default 0..49). */
    public Evaluator initialStates(int... states) {
        if (states.length == 0) {
            throw new IllegalArgumentException("evaluate at least one initial state");
        }
        this.initialStates = states.clone();
        return this;
    }

    /** Evaluates the first {@code n} initial states, 0..n−1. */
    public Evaluator firstStates(int n) {
        return initialStates(range(n));
    }

    /** Threads stepping the environments (default 1). */
    public Evaluator threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** Keeps the frames of the first {@code n} episodes of every task as videos (default 0: none). */
    public Evaluator videosPerTask(int n) {
        this.videosPerTask = Math.max(0, n);
        return this;
    }

    /**
     * Executes only the first {@code steps} actions of every chunk before the next forward pass (default: the whole
     * chunk, as OpenVLA* does). Fewer steps react faster and cost more forward passes.
     */
    public Evaluator executeSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("executeSteps must be >= 1, got " + steps);
        }
        this.executed = steps;
        return this;
    }

    /** Draws a progress bar there (null: none). */
    public Evaluator progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** Runs every task from every configured initial state. */
    public EvalResult evaluate(VlaPolicy policy, List<Task> tasks) {
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(progress, "eval", (long) tasks.size() * initialStates.length);
        List<EpisodeResult> results = new ArrayList<>();
        long steps = 0;
        for (Task task : tasks) {
            for (EpisodeResult r : runTask(policy, task)) {
                results.add(r);
                steps += r.steps();
            }
            long done = results.size();
            long ok = results.stream().filter(EpisodeResult::success).count();
            bar.update(done, String.format("success %.1f%%", 100.0 * ok / done));
        }
        return new EvalResult(results, (System.nanoTime() - start) / 1e9, steps);
    }

    private List<EpisodeResult> runTask(VlaPolicy policy, Task task) {
        RolloutCollector collector = new RolloutCollector(envs)
                .threads(threads)
                .keepFrames(videosPerTask)
                .executeSteps(executed);
        List<Start> starts = new ArrayList<>();
        for (int s : initialStates) {
            starts.add(new Start(task, s));
        }
        List<EpisodeResult> out = new ArrayList<>();
        for (Rollout r : collector.collect(policy, starts, Decoding.greedy())) {
            out.add(new EpisodeResult(task, r.initialState(), r.success(), r.steps(), r.video()));
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
