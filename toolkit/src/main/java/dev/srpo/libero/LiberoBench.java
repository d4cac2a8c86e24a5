package dev.srpo.libero;

import dev.srpo.env.Env;
import dev.srpo.env.Envs;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.env.VectorEnv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's overhead: env-steps/s of the real LIBERO stepped through the bridge (a local server, a
 * {@link VectorEnv} of {@link LiberoEnv}s) against the same loop in Python without the bridge
 * ({@code srpo_libero_server.bench}: in-process for 1 environment, the server's worker processes for 2), for 1 and
 * 2 workers; and the embedded simulator's steps/s under the same loop, for the ratio. Same tasks, initial state 0,
 * the same fixed actions, 128×128 agentview frames. Each case runs {@value #REPEAT} timed blocks and reports the
 * best (the machine is shared: the best block is the least disturbed).
 *
 * <p>{@code fleet}: the same loop through a {@link LiberoFleet} (Ray actors on this machine) against a plain local
 * server with the same workers: 1 server × 2 workers, 2 servers × 1 worker (2 environments each), and 2 servers × 2
 * workers (4 environments), every ratio against the plain server measured in the same run.
 *
 * <pre>make bench-libero</pre> or {@code bin/srpo bench libero [--fleet] [--steps N]}
 */
public final class LiberoBench {

    private static final Pattern RESULT = Pattern.compile("steps_per_s=([0-9.]+)");
    private static final List<Task> TASKS =
            List.of(Suite.SPATIAL.task(0), Suite.GOAL.task(1), Suite.OBJECT.task(2), Suite.LONG.task(3));

    private static final int REPEAT = 3;
    private static double roundTripMillis = Double.NaN;

    private LiberoBench() {}

    /** The bridge against Python and the embedded simulator, {@code steps} steps per environment. */
    public static void run(int steps) throws Exception {
        Path python = LiberoServer.findPython()
                .orElseThrow(() -> new IllegalStateException(
                        "no LIBERO virtualenv: run environments/libero-server/setup.sh (or make setup-libero)"));
        System.out.printf(
                "SRPO Lab LIBERO bridge benchmark (%d cores, %d steps per env, 128×128 agentview)%n",
                Runtime.getRuntime().availableProcessors(), steps);
        double[] py = new double[3];
        double[] bridge = new double[3];
        for (int n = 1; n <= 2; n++) {
            py[n] = python(python, n, steps);
            System.out.printf("  python %d env(s): %.2f env-steps/s%n", n, py[n]);
            bridge[n] = bridge(n, steps);
            System.out.printf("  bridge %d env(s): %.2f env-steps/s%n", n, bridge[n]);
        }
        double embedded = Envs.backends().contains("tabletop") ? embedded(steps * 50) : Double.NaN;
        System.out.println("| case | env-steps/s | ratio |");
        System.out.println("|---|---|---|");
        for (int n = 1; n <= 2; n++) {
            System.out.printf("| LIBERO in Python, %d worker%s | %.2f | 1.00 |%n", n, n == 1 ? "" : "s", py[n]);
            System.out.printf(
                    "| LIBERO through the bridge, %d worker%s | %.2f | %.3f of Python (overhead %.1f%%) |%n",
                    n, n == 1 ? "" : "s", bridge[n], bridge[n] / py[n], 100 * (1 - bridge[n] / py[n]));
        }
        System.out.printf(
                "| protocol round trip (a request without simulation) | %.2f ms | %.2f%% of one LIBERO step |%n",
                roundTripMillis, roundTripMillis / 10 * bridge[1]);
        if (!Double.isNaN(embedded)) {
            System.out.printf(
                    "| embedded tabletop, 1 thread | %,.0f | %.0f× LIBERO through the bridge (1 worker) |%n",
                    embedded, embedded / bridge[1]);
        } else {
            System.out.println("| embedded tabletop | (srpo-environments not on the classpath) | |");
        }
    }

    static float[] action(int t) {
        return new float[] {(t / 10) % 2 == 0 ? 0.3f : -0.3f, (t / 20) % 2 == 0 ? 0.3f : -0.3f, 0, 0, 0, 0, -1};
    }

    private static double python(Path python, int envs, int steps) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        python.toString(),
                        "-m",
                        "srpo_libero_server.bench",
                        "--envs",
                        Integer.toString(envs),
                        "--steps",
                        Integer.toString(steps))
                .redirectErrorStream(true);
        pb.environment().putIfAbsent("MUJOCO_GL", "egl");
        Process p = pb.start();
        String result = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                tail.add(line);
                Matcher m = RESULT.matcher(line);
                if (m.find()) {
                    result = m.group(1);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the Python baseline failed:\n"
                    + String.join("\n", tail.subList(Math.max(0, tail.size() - 20), tail.size())));
        }
        return Double.parseDouble(result);
    }

    /** The fleet against a plain local server, {@code steps} steps per environment. */
    public static void fleet(int steps) throws IOException {
        System.out.printf(
                "SRPO Lab LIBERO fleet benchmark (%d cores, %d steps per env, 128×128 agentview, best of %d)%n",
                Runtime.getRuntime().availableProcessors(), steps, REPEAT);
        double plain;
        try (LiberoServer server = LiberoServer.start(2);
                LiberoPool pool = new LiberoPool(List.of(server.address()), null, LiberoOptions.DEFAULT)) {
            plain = stepsPerSecond(pool, 2, steps);
        }
        System.out.printf("  plain server, 2 workers: %.2f env-steps/s%n", plain);
        int[][] shapes = {{1, 2}, {2, 1}, {2, 2}};
        double[] fleet = new double[shapes.length];
        for (int k = 0; k < shapes.length; k++) {
            Path dir = Files.createTempDirectory("srpo-fleet-bench");
            try (LiberoFleet f = LiberoFleet.start(shapes[k][0], shapes[k][1], dir);
                    LiberoPool pool = f.pool(LiberoOptions.DEFAULT)) {
                fleet[k] = stepsPerSecond(pool, shapes[k][0] * shapes[k][1], steps);
            }
            System.out.printf("  fleet %d x %d: %.2f env-steps/s%n", shapes[k][0], shapes[k][1], fleet[k]);
        }
        System.out.println("| case | environments | env-steps/s | ratio to the plain server |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| plain local server, 2 workers | 2 | %.2f | 1.00 |%n", plain);
        for (int k = 0; k < shapes.length; k++) {
            int envs = shapes[k][0] * shapes[k][1];
            System.out.printf(
                    "| fleet: %d server%s × %d worker%s | %d | %.2f | %.2f |%n",
                    shapes[k][0],
                    shapes[k][0] == 1 ? "" : "s",
                    shapes[k][1],
                    shapes[k][1] == 1 ? "" : "s",
                    envs,
                    fleet[k],
                    fleet[k] / plain);
        }
    }

    /** Best of {@value #REPEAT} blocks of lock-step steps of {@code envs} environments of the pool. */
    private static double stepsPerSecond(LiberoPool pool, int envs, int steps) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < envs; i++) {
            tasks.add(TASKS.get(i % TASKS.size()));
        }
        try (VectorEnv vec = pool.vector(tasks)) {
            vec.reset(new int[envs]);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < REPEAT; r++) {
                long start = System.nanoTime();
                for (int t = 0; t < steps; t++) {
                    float[][] actions = new float[envs][];
                    for (int i = 0; i < envs; i++) {
                        actions[i] = action(t);
                    }
                    vec.step(actions);
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            return (double) envs * steps / (best / 1e9);
        }
    }

    private static double bridge(int envs, int steps) {
        try (LiberoServer server = LiberoServer.start(envs);
                LiberoPool pool = new LiberoPool(List.of(server.address()), null, 128, 128, false)) {
            double perSecond = stepsPerSecond(pool, envs, steps);
            if (envs == 1) { // the protocol's own cost: a request without simulation, best of 200
                try (LiberoClient c = LiberoClient.connect(server.address(), null)) {
                    long rtt = Long.MAX_VALUE;
                    for (int i = 0; i < 200; i++) {
                        long t0 = System.nanoTime();
                        c.request("status", java.util.Map.of());
                        rtt = Math.min(rtt, System.nanoTime() - t0);
                    }
                    roundTripMillis = rtt / 1e6;
                }
            }
            return perSecond;
        }
    }

    private static double embedded(int steps) {
        try (Env env = Envs.create("tabletop", TASKS.get(0))) {
            env.reset(0);
            long start = System.nanoTime();
            int done = 0;
            for (int t = 0; t < steps; t++, done++) {
                if (env.isDone()) {
                    env.reset(0);
                }
                env.step(action(t));
            }
            return done / ((System.nanoTime() - start) / 1e9);
        }
    }
}
