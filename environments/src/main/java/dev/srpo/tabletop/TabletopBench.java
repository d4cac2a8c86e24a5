package dev.srpo.tabletop;

import dev.srpo.env.Env;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.env.VectorEnv;
import dev.srpo.tabletop.render.Renderer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How fast the simulator steps: env-steps/s on one thread without rendering and with 128×128 (and 256×256)
 * agentview frames, and a {@link VectorEnv}'s steps/s on 1 and 2 threads. The expert drives every env (real
 * grasps, drawers, falls), episodes restart when they end, all 40 tasks take turns.
 *
 * <pre>make bench-env</pre> or {@code java -cp ... dev.srpo.tabletop.TabletopBench [seconds per case]}
 */
public final class TabletopBench {

    private static final Renderer NO_PICTURES = (solids, camera, lighting, backdrop, out) -> {};

    private TabletopBench() {}

    /** Prints the table, {@code seconds} per case. */
    public static void run(double seconds) {
        System.out.printf(
                "SRPO Lab tabletop benchmark (%d cores, %.0f s per case)%n",
                Runtime.getRuntime().availableProcessors(), seconds);
        single(TabletopOptions.DEFAULT, null, 1); // warm-up, so the first case is not the JIT's
        double physics = single(TabletopOptions.DEFAULT, NO_PICTURES, seconds);
        double r128 = single(TabletopOptions.DEFAULT, null, seconds);
        double r256 = single(TabletopOptions.DEFAULT.withSize(256, 256), null, seconds);
        double wrist = single(TabletopOptions.DEFAULT.withWrist(true), null, seconds);
        double v1 = vector(1, seconds);
        double v2 = vector(2, seconds);
        System.out.println("| case | env-steps/s | ratio |");
        System.out.println("|---|---|---|");
        System.out.printf("| 1 thread, physics only | %,.0f | 1.00 |%n", physics);
        System.out.printf("| 1 thread, rendering 128×128 | %,.0f | %.2f of physics only |%n", r128, r128 / physics);
        System.out.printf("| 1 thread, rendering 256×256 | %,.0f | %.2f of physics only |%n", r256, r256 / physics);
        System.out.printf(
                "| 1 thread, 128×128 agentview + wrist camera | %,.0f | %.2f of physics only |%n",
                wrist, wrist / physics);
        System.out.printf("| VectorEnv of 16, 1 thread, 128×128 | %,.0f | 1.00 |%n", v1);
        System.out.printf("| VectorEnv of 16, 2 threads, 128×128 | %,.0f | %.2f× 1 thread |%n", v2, v2 / v1);
    }

    /** Steps/s of one env at a time, the expert acting, cycling through every task. */
    private static double single(TabletopOptions options, Renderer renderer, double seconds) {
        List<Task> tasks = allTasks();
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        for (int k = 0; System.nanoTime() < end; k++) {
            Task task = tasks.get(k % tasks.size());
            TabletopEnv env =
                    renderer == null ? new TabletopEnv(task, options) : new TabletopEnv(task, options, renderer);
            env.reset(k % Task.INITIAL_STATES);
            Expert expert = env.expert(0.1, k);
            while (!env.isDone()) {
                env.step(expert.act());
                steps++;
            }
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    /** Steps/s of 16 envs stepped in lock-step across {@code threads} threads. */
    private static double vector(int threads, double seconds) {
        List<Task> tasks = allTasks();
        List<TabletopEnv> envs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            envs.add(new TabletopEnv(tasks.get(i * 2 % tasks.size())));
        }
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try (VectorEnv venv = new VectorEnv(envs, threads)) {
            for (int round = 0; System.nanoTime() < end; round++) {
                int[] starts = new int[envs.size()];
                Arrays.fill(starts, round % Task.INITIAL_STATES);
                venv.reset(starts);
                List<Expert> experts = new ArrayList<>();
                for (TabletopEnv env : envs) {
                    experts.add(env.expert(0.1, round));
                }
                while (!venv.allDone()) {
                    float[][] actions = new float[envs.size()][];
                    for (int i = 0; i < envs.size(); i++) {
                        Env env = venv.env(i);
                        if (!env.isDone()) {
                            actions[i] = experts.get(i).act();
                            steps++;
                        }
                    }
                    venv.step(actions);
                }
            }
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Task> allTasks() {
        List<Task> tasks = new ArrayList<>();
        for (Suite s : Suite.values()) {
            tasks.addAll(s.tasks());
        }
        return tasks;
    }
}
