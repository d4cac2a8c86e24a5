package dev.srpo.libero;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LIBERO server process on this machine, started from the project's LIBERO virtualenv
 * ({@code environments/libero-server/setup.sh} builds {@code .venv-libero}): bound to loopback on a free port,
 * ready once it prints its address. For servers elsewhere (another host, a cluster's actors), skip this class and
 * give {@link LiberoPool} their addresses.
 */
public final class LiberoServer implements AutoCloseable {

    private static final Pattern BANNER = Pattern.compile("listening on (ws://\\S+)");

    private final Process process;
    private final String address;
    private final Deque<String> log = new ArrayDeque<>();

    private LiberoServer(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /**
     * The Python of the LIBERO virtualenv: {@code $SRPO_LIBERO_PYTHON}, else {@code .venv-libero/bin/python} in the
     * working directory or one of its parents (a build runs in a module folder of the repository).
     */
    public static Optional<Path> findPython() {
        String env = System.getenv("SRPO_LIBERO_PYTHON");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path python = dir.resolve(".venv-libero/bin/python");
            if (Files.isExecutable(python)) {
                return Optional.of(python);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a server with {@code workers} worker processes from the LIBERO virtualenv found by
     * {@link #findPython()}, and waits until it listens (workers start and LIBERO loads: tens of seconds).
     *
     * @throws IllegalStateException naming what is missing when there is no LIBERO virtualenv, or with the
     *     server's last output when it fails to start
     */
    public static LiberoServer start(int workers) {
        Path python = findPython()
                .orElseThrow(() -> new IllegalStateException("no LIBERO virtualenv: run "
                        + "environments/libero-server/setup.sh (builds .venv-libero), or set SRPO_LIBERO_PYTHON"));
        return start(python, workers, Duration.ofMinutes(3));
    }

    public static LiberoServer start(Path python, int workers, Duration startTimeout) {
        List<String> cmd = new ArrayList<>(List.of(
                python.toString(),
                "-u",
                "-m",
                "srpo_libero_server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--workers",
                Integer.toString(workers)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putIfAbsent("MUJOCO_GL", "egl");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the LIBERO server with " + python, e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > 40) {
                                    tail.removeFirst();
                                }
                            }
                            Matcher m = BANNER.matcher(line);
                            if (!ready.isDone() && m.find()) {
                                ready.complete(m.group(1));
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    ready.completeExceptionally(new IllegalStateException("the LIBERO server exited before listening"));
                },
                "srpo-libero-server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            LiberoServer server = new LiberoServer(process, ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS));
            return server;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String out;
            synchronized (tail) {
                out = String.join("\n", tail);
            }
            throw new IllegalStateException(
                    "the LIBERO server (" + String.join(" ", cmd) + ") did not start within " + startTimeout.toSeconds()
                            + " s; its last output:\n" + out,
                    e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the LIBERO server", e);
        }
    }

    /** Where clients connect, e.g. {@code ws://127.0.0.1:41235}. */
    public String address() {
        return address;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the server and its workers at once, as a crash would (for failure tests). */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Stops the server cleanly (SIGTERM: it closes its environments and workers), killing it if it lingers. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!waitFor(Duration.ofSeconds(15))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
