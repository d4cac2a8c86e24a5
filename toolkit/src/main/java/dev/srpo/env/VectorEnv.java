package dev.srpo.env;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many environments stepped in lock-step, spread over a pool of threads: one call resets or steps them all and
 * returns when every one has answered. Environments whose episode is done sit out later steps (their last result
 * is returned again), so a batch of rollouts runs until its slowest episode ends.
 *
 * <p>Each environment is touched by one thread at a time, and results do not depend on the thread count.
 */
public final class VectorEnv implements AutoCloseable {

    private final List<Env> envs;
    private final ExecutorService pool;
    private final int threads;
    private final StepResult[] last;

    /**
     * @param envs the environments, which this vector env now owns (closing it closes them)
     * @param threads worker threads, at least 1; 1 steps the environments on the caller's thread
     */
    public VectorEnv(List<? extends Env> envs, int threads) {
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("a VectorEnv needs at least one environment");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Set<Env> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Env e : envs) {
            if (!distinct.add(e)) { // two threads would step one environment at once
                throw new IllegalArgumentException(
                        "the same environment (" + e.task().id() + ") is listed twice");
            }
        }
        this.envs = List.copyOf(envs);
        this.last = new StepResult[envs.size()];
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(Math.min(threads, envs.size()), r -> {
                    Thread t = new Thread(r, "srpo-env-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Number of environments. */
    public int size() {
        return envs.size();
    }

    /** Environment {@code i}. */
    public Env env(int i) {
        return envs.get(i);
    }

    /**
     * Resets every environment, environment {@code i} to initial state {@code initialStates[i]}.
     *
     * @throws IllegalArgumentException if the array's length is not {@link #size()}, or for a bad index (naming
     *     the environment)
     */
    public Observation[] reset(int[] initialStates) {
        checkLength("initialStates", initialStates.length);
        for (int i = 0; i < size(); i++) { // check everything first, so a bad index resets nothing
            int env = i;
            named(i, k -> envs.get(env).task().checkInitialState(initialStates[env]));
        }
        Arrays.fill(last, null);
        return run(i -> envs.get(i).reset(initialStates[i]), new Observation[size()]);
    }

    /**
     * Steps every environment whose episode is still running; {@code actions[i]} may be null for one that is done.
     *
     * @return one result per environment; a done environment's is its final result, unchanged
     * @throws IllegalArgumentException if the array's length is not {@link #size()}, or for a bad action (naming
     *     the environment)
     */
    public StepResult[] step(float[][] actions) {
        checkLength("actions", actions.length);
        for (int i = 0; i < size(); i++) { // check everything first, so a bad action steps nothing
            Env env = envs.get(i);
            if (env.isDone() && last[i] == null) {
                throw new IllegalStateException(where(i) + "not running: call reset(initialStates) first");
            }
            if (!env.isDone()) {
                float[] action = actions[i];
                named(i, k -> Actions.checkAndClip(action));
            }
        }
        StepResult[] results = run(
                i -> envs.get(i).isDone() && last[i] != null
                        ? last[i]
                        : envs.get(i).step(actions[i]),
                new StepResult[size()]);
        System.arraycopy(results, 0, last, 0, results.length);
        return results;
    }

    /**
     * Executes one action chunk on each environment given one ({@code chunks[i]} null: environment {@code i} sits
     * out), the whole chunk of an environment on one thread ({@link Env#stepChunk}: one round trip for a remote
     * backend). An environment whose episode ends mid-chunk stops there.
     *
     * @return per environment, the results of the steps it took (empty for one that sat out)
     * @throws IllegalArgumentException if the array's length is not {@link #size()}, or for a bad action (naming
     *     the environment); nothing is stepped then
     * @throws IllegalStateException if a chunk is given to an environment that is not running
     */
    public List<List<StepResult>> stepChunks(float[][][] chunks) {
        checkLength("chunks", chunks.length);
        for (int i = 0; i < size(); i++) {
            if (chunks[i] == null) {
                continue;
            }
            if (envs.get(i).isDone()) {
                throw new IllegalStateException(where(i) + "not running, but given a chunk: reset it first");
            }
            float[][] chunk = chunks[i];
            named(i, k -> {
                if (chunk.length == 0) {
                    throw new IllegalArgumentException("an empty chunk");
                }
                for (float[] a : chunk) {
                    Actions.checkAndClip(a);
                }
                return null;
            });
        }
        @SuppressWarnings("unchecked")
        List<StepResult>[] out = run(
                i -> chunks[i] == null ? List.<StepResult>of() : envs.get(i).stepChunk(chunks[i]), new List[size()]);
        for (int i = 0; i < out.length; i++) {
            if (!out[i].isEmpty()) {
                last[i] = out[i].get(out[i].size() - 1);
            }
        }
        return Arrays.asList(out);
    }

    /** Whether every environment's episode has ended. */
    public boolean allDone() {
        return envs.stream().allMatch(Env::isDone);
    }

    /** Stops the threads and closes every environment. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        envs.forEach(Env::close);
    }

    private interface PerEnv<T> {
        T apply(int i);
    }

    private <T> T[] run(PerEnv<T> work, T[] out) {
        if (pool == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = named(i, work);
            }
            return out;
        }
        // one task per thread, each taking the next environment not yet taken: a step costs one hand-off per
        // thread, and threads stay busy when the environments still running are unevenly spread
        int workers = Math.min(threads, out.length);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                    out[i] = named(i, work);
                }
            }));
        }
        // wait for every worker before reporting a failure, so no thread still steps an environment afterwards
        RuntimeException failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                RuntimeException cause =
                        e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stepping environments", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    // Prefix an environment's error with which one it was, keeping the exception's kind.
    private <T> T named(int i, PerEnv<T> work) {
        try {
            return work.apply(i);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(i) + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(where(i) + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(where(i) + e, e);
        }
    }

    private String where(int i) {
        return "env " + i + " (" + envs.get(i).task().id() + "): ";
    }

    private void checkLength(String what, int length) {
        if (length != size()) {
            throw new IllegalArgumentException(what + " has " + length + " entries for " + size() + " environments");
        }
    }
}
