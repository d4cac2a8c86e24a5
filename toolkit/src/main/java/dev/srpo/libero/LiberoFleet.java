package dev.srpo.libero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A fleet of LIBERO bridge servers on a private Ray on this machine, started from the project's LIBERO virtualenv
 * ({@code python -m srpo_libero_server.fleet}, see the bridge's README): servers × workers, bound to loopback, with
 * a fresh token, and the addresses file that {@link LiberoPool#fromFleet} follows. For a fleet on a real Ray
 * cluster run the launcher there ({@code --address auto}) and give {@link LiberoPool#fromFleet} its file instead.
 *
 * <pre>{@code
 * try (LiberoFleet fleet = LiberoFleet.start(2, 4, dir);
 *         LiberoPool pool = fleet.pool(LiberoOptions.DEFAULT)) { ... }
 * }</pre>
 */
public final class LiberoFleet implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process launcher;
    private final Path file;
    private final Path log;
    private final String token;
    private final Thread stopAtExit;

    private LiberoFleet(Process launcher, Path file, Path log, String token) {
        this.launcher = launcher;
        this.file = file;
        this.log = log;
        this.token = token;
        // a JVM that exits without close() still stops the fleet; one that is killed closes the launcher's
        // standard input, which the launcher watches (--watch-stdin)
        this.stopAtExit = new Thread(this::stop, "srpo-libero-fleet-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts {@code servers} servers of {@code workersPerServer} workers each and waits until all are listed.
     *
     * @param dir where the addresses file ({@code fleet.json}) and the launcher's log ({@code fleet.log}) go
     * @throws IllegalStateException with the launcher's last output when it fails, or when there is no LIBERO
     *     virtualenv
     */
    public static LiberoFleet start(int servers, int workersPerServer, Path dir) {
        Path python = LiberoServer.findPython()
                .orElseThrow(() -> new IllegalStateException("no LIBERO virtualenv: run "
                        + "environments/libero-server/setup.sh (builds .venv-libero), or set SRPO_LIBERO_PYTHON"));
        if (servers < 1 || workersPerServer < 1) {
            throw new IllegalArgumentException(
                    "a fleet needs >= 1 server of >= 1 worker, got " + servers + " x " + workersPerServer);
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Path file = dir.resolve("fleet.json");
        Path log = dir.resolve("fleet.log");
        ProcessBuilder pb = new ProcessBuilder(
                        python.toString(),
                        "-u",
                        "-m",
                        "srpo_libero_server.fleet",
                        "--servers",
                        Integer.toString(servers),
                        "--workers-per-server",
                        Integer.toString(workersPerServer),
                        "--out",
                        file.toString(),
                        "--host",
                        "127.0.0.1",
                        // Ray counts logical CPUs: every actor reserves its workers', whatever this machine has
                        "--num-cpus",
                        Integer.toString(servers * workersPerServer),
                        "--interval",
                        "0.5",
                        "--watch-stdin")
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SRPO_LIBERO_TOKEN", token);
        pb.environment().putIfAbsent("MUJOCO_GL", "egl");
        LiberoFleet fleet;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            fleet = new LiberoFleet(pb.start(), file, log, token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fleet launcher with " + python, e);
        }
        try {
            fleet.await(d -> d.get("servers").size() == servers, Duration.ofMinutes(4), servers + " servers");
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** The addresses file the launcher keeps up to date. */
    public Path file() {
        return file;
    }

    /** The servers' shared token. */
    public String token() {
        return token;
    }

    /** A pool that follows this fleet's file. */
    public LiberoPool pool(LiberoOptions options) {
        return LiberoPool.fromFleet(file, token, options);
    }

    /** The addresses file as it is now (servers with {@code address}, {@code pid}, {@code actor_pid}, ...). */
    public JsonNode read() {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fleet file " + file, e);
        }
    }

    /** The live servers' entries. */
    public List<JsonNode> servers() {
        List<JsonNode> out = new ArrayList<>();
        read().get("servers").forEach(out::add);
        return out;
    }

    /**
     * Waits until the addresses file satisfies {@code ready}.
     *
     * @throws IllegalStateException with the launcher's last output on timeout or when it exits
     */
    public JsonNode await(Predicate<JsonNode> ready, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException(
                        "the fleet launcher exited (" + launcher.exitValue() + ") before " + what + ":\n" + logTail());
            }
            if (Files.exists(file)) {
                JsonNode doc = read();
                if (ready.test(doc)) {
                    return doc;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + ":\n" + logTail());
    }

    /** The launcher's last lines of output. */
    public String logTail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.substring(Math.max(0, s.length() - 3000));
        } catch (IOException e) {
            return "(no launcher log at " + log + ")";
        }
    }

    /** Stops the launcher, which stops every actor and server (SIGTERM; killed after two minutes). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs stop() itself
        }
        stop();
    }

    private void stop() {
        if (!launcher.isAlive()) {
            return;
        }
        launcher.destroy();
        try {
            if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launcher.destroyForcibly();
        }
    }
}
