package dev.srpo.libero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srpo.env.EnvOptions;
import dev.srpo.env.Task;
import dev.srpo.env.VectorEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Environments spread over several LIBERO servers (processes on this machine, or hosts): {@link #open(Task)} puts
 * each new environment on the live server with the most free workers. A server is nothing but its address, so
 * whatever starts servers (a script, {@link LiberoServer}, later a cluster engine's actors) hands the addresses in;
 * the pool schedules nothing itself.
 *
 * <p>When a server dies, its environments fail with a {@link LiberoException} naming the server and the task; the
 * pool then lists them in {@link #lost()}, stops placing environments on that server, and the caller opens a
 * replacement elsewhere with {@link #open(Task)}.
 *
 * <p><b>A fleet</b> ({@link #fromFleet}): the addresses come from the file that the fleet launcher
 * ({@code python -m srpo_libero_server.fleet}, Ray actors) keeps up to date. The pool re-reads it whenever it
 * changes, so servers that Ray restarts on new ports join, and servers gone from it are left; when no server can
 * open an environment it waits (re-reading the file) up to {@link #waitForCapacity} for one to come back.
 */
public final class LiberoPool implements AutoCloseable {

    /** The version of the fleet file this pool reads ({@code "version"} in it). */
    public static final int FLEET_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final LiberoOptions options;
    private final Path fleetFile;
    private final Map<String, LiberoClient> clients = new LinkedHashMap<>();
    private final List<LiberoEnv> envs = new ArrayList<>();
    private final Map<String, String> failures = new LinkedHashMap<>(); // address -> why the last connect failed
    private final Map<String, Long> retryAt = new LinkedHashMap<>(); // address -> when to try connecting again
    private Object fleetRead; // the file's identity and time when last read: a rename makes a new one
    private int fleetCapacity; // the fleet's expected workers (expected_servers x workers_per_server)
    private Duration waitForCapacity = Duration.ofSeconds(120);

    /** Connection failures after which waiting cannot help: the token or the protocol is wrong. */
    private static final Set<String> FATAL = Set.of("unauthorized", "version_mismatch");

    /** How long an address that refused a connection is left alone before it is tried again. */
    private static final long RETRY_NANOS = 3_000_000_000L;

    /**
     * @param addresses the servers, e.g. {@code ws://127.0.0.1:8765}
     * @param token their shared token, or null
     * @param width frame width of every environment
     * @param height frame height of every environment
     * @param wrist whether environments render the wrist camera too
     */
    public LiberoPool(List<String> addresses, String token, int width, int height, boolean wrist) {
        this(addresses, token, new LiberoOptions(width, height, wrist, false, 0));
    }

    /**
     * @param addresses the servers, e.g. {@code ws://127.0.0.1:8765}
     * @param token their shared token, or null
     * @param options how environments are opened unless {@link #open(Task, EnvOptions)} says otherwise
     */
    public LiberoPool(List<String> addresses, String token, LiberoOptions options) {
        this(addresses, token, options, null);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a LiberoPool needs at least one server address");
        }
    }

    private LiberoPool(List<String> addresses, String token, LiberoOptions options, Path fleetFile) {
        this.token = token;
        this.options = options;
        this.fleetFile = fleetFile;
        for (String a : addresses) {
            clients.put(a, null); // connected on first use
        }
    }

    /**
     * The pool over a fleet's addresses file (written by {@code python -m srpo_libero_server.fleet --out FILE}).
     *
     * @param token the fleet's shared token (the launcher's {@code --token}; never in the file)
     * @throws IllegalArgumentException if the file is missing, not a fleet file, or of another version
     */
    public static LiberoPool fromFleet(Path fleetFile, String token, LiberoOptions options) {
        LiberoPool pool = new LiberoPool(List.of(), token, options, fleetFile);
        synchronized (pool) {
            pool.reloadFleet(true);
        }
        return pool;
    }

    /**
     * The pool named by the environment: {@code SRPO_LIBERO_FLEET} (a fleet's addresses file) or
     * {@code SRPO_LIBERO_SERVERS} (comma-separated addresses), and {@code SRPO_LIBERO_TOKEN}; 128×128 frames
     * without wrist camera.
     *
     * @throws IllegalStateException when neither is set
     */
    public static LiberoPool fromEnvironment() {
        String fleet = System.getenv("SRPO_LIBERO_FLEET");
        if (fleet != null && !fleet.isBlank()) {
            return fromFleet(Path.of(fleet), System.getenv("SRPO_LIBERO_TOKEN"), LiberoOptions.DEFAULT);
        }
        String servers = System.getenv("SRPO_LIBERO_SERVERS");
        if (servers == null || servers.isBlank()) {
            throw new IllegalStateException("neither SRPO_LIBERO_FLEET nor SRPO_LIBERO_SERVERS is set: give a fleet's "
                    + "addresses file, or the LIBERO servers' addresses comma-separated (e.g. ws://127.0.0.1:8765), "
                    + "started with `srpo-libero-server`");
        }
        List<String> list = Arrays.stream(servers.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        return new LiberoPool(list, System.getenv("SRPO_LIBERO_TOKEN"), LiberoOptions.DEFAULT);
    }

    /** How long {@link #open} waits for a fleet's server to come back when none can open (default 120 s). */
    public synchronized LiberoPool waitForCapacity(Duration wait) {
        this.waitForCapacity = wait;
        return this;
    }

    /** The fleet file this pool follows, or null for a fixed list of servers. */
    public Path fleetFile() {
        return fleetFile;
    }

    /** How environments are opened by default. */
    public LiberoOptions options() {
        return options;
    }

    /** The servers' addresses, in the order given. */
    public synchronized List<String> servers() {
        return List.copyOf(clients.keySet());
    }

    /** The live servers' addresses: connected and answering, or not yet tried. */
    public synchronized List<String> liveServers() {
        return clients.entrySet().stream()
                .filter(e -> e.getValue() == null || e.getValue().isAlive())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The tasks of the first live server (checked against the toolkit's catalog). */
    public List<Task> tasks() {
        for (String a : liveServers()) {
            LiberoClient c = client(a);
            if (c != null) {
                return c.tasks();
            }
        }
        throw new LiberoException(
                LiberoException.CONNECTION_LOST,
                String.join(",", servers()),
                "no LIBERO server of the pool is reachable: " + servers());
    }

    /**
     * Opens an environment on the live server with the most free workers, with the pool's options.
     *
     * @throws LiberoException when no server is reachable or all are full
     */
    public LiberoEnv open(Task task) {
        return open(task, options);
    }

    /** Opens an environment with the pool's options overridden by the toolkit's (frame size, training layouts). */
    public LiberoEnv open(Task task, EnvOptions envOptions) {
        return open(task, options.with(envOptions));
    }

    /**
     * Opens an environment on the live server with the most free workers. A fleet's pool re-reads its file first,
     * and when no server can open it waits for one (re-reading) up to {@link #waitForCapacity}.
     *
     * @throws LiberoException when no server is reachable or all are full
     */
    public synchronized LiberoEnv open(Task task, LiberoOptions options) {
        long deadline = System.nanoTime() + (fleetFile == null ? 0 : waitForCapacity.toNanos());
        while (true) {
            reloadFleet(false);
            envs.removeIf(LiberoEnv::isClosed);
            List<String> tried = new ArrayList<>();
            LiberoEnv env = tryOpen(task, options, tried);
            if (env != null) {
                return env;
            }
            long own = envs.stream().filter(e -> !e.isClosed() && !e.isLost()).count();
            if (fleetFile != null && fleetCapacity > 0 && own >= fleetCapacity) {
                throw new LiberoException(
                        "no_capacity",
                        String.join(",", servers()),
                        "this pool already holds " + own + " environments, every worker of fleet " + fleetFile
                                + " (" + fleetCapacity + "): a step opens promptsPerStep x groupSize environments"
                                + " at once, so start the fleet with at least that many workers");
            }
            if (System.nanoTime() >= deadline) {
                throw new LiberoException(
                        "no_capacity",
                        String.join(",", servers()),
                        "no LIBERO server could open task " + task + ": " + tried
                                + (fleetFile == null
                                        ? ""
                                        : " (fleet " + fleetFile + ", waited " + waitForCapacity + ")"));
            }
            try {
                wait(1000); // a fleet's server comes back on a new port: the file says so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LiberoException(
                        "no_capacity", String.join(",", servers()), "interrupted waiting for a server");
            }
        }
    }

    private LiberoEnv tryOpen(Task task, LiberoOptions options, List<String> tried) {
        List<String> order = new ArrayList<>();
        for (String a : liveServers()) {
            if (client(a) != null) { // connected first, so every server's worker count is known
                order.add(a);
            } else {
                tried.add(a + " (" + failures.getOrDefault(a, "unreachable") + ")");
            }
        }
        order.sort((a, b) -> Integer.compare(free(b), free(a)));
        for (String a : order) {
            LiberoClient c = client(a);
            if (c == null || free(a) <= 0) {
                tried.add(a + (c == null ? " (unreachable)" : " (full)"));
                continue;
            }
            try {
                LiberoEnv env = c.open(task, options);
                envs.add(env);
                return env;
            } catch (LiberoException e) {
                tried.add(a + " (" + e.kind() + ")");
            }
        }
        return null;
    }

    /**
     * Re-reads the fleet file if it changed (or {@code always}): servers new in it join the pool; servers gone from
     * it are dropped once no open environment of this pool is on them.
     */
    private void reloadFleet(boolean always) {
        if (fleetFile == null) {
            return;
        }
        Object modified;
        try {
            BasicFileAttributes a = Files.readAttributes(fleetFile, BasicFileAttributes.class);
            modified = List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
        } catch (IOException e) {
            if (always) {
                throw new IllegalArgumentException("fleet file not found: " + fleetFile
                        + " (start a fleet with: python -m srpo_libero_server.fleet --servers N --out FILE)");
            }
            return; // being replaced: the next call reads it
        }
        if (!always && modified.equals(fleetRead)) {
            return;
        }
        Fleet fleet = parseFleet(fleetFile);
        Set<String> listed = new LinkedHashSet<>(fleet.addresses());
        fleetCapacity = fleet.capacity();
        fleetRead = modified;
        for (String a : listed) {
            LiberoClient c = clients.get(a);
            if (c != null && !c.isAlive()) { // listed again: a server restarted at the same address
                c.close();
                clients.put(a, null);
            } else {
                clients.putIfAbsent(a, null);
            }
        }
        for (String a : List.copyOf(clients.keySet())) {
            boolean inUse = envs.stream().anyMatch(e -> e.server().equals(a) && !e.isClosed());
            if (!listed.contains(a) && !inUse) {
                LiberoClient c = clients.remove(a);
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    /**
     * A fleet file, read once.
     *
     * @param addresses the live servers
     * @param capacity the fleet's expected workers (expected_servers × workers_per_server; 0 when not given)
     */
    private record Fleet(List<String> addresses, int capacity) {}

    /**
     * The live servers' addresses in a fleet file.
     *
     * @throws IllegalArgumentException naming the file: unreadable, not JSON, of another version, no server list
     */
    public static List<String> readFleet(Path fleetFile) {
        return parseFleet(fleetFile).addresses();
    }

    private static Fleet parseFleet(Path fleetFile) {
        JsonNode doc;
        try {
            doc = JSON.readTree(fleetFile.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read fleet file " + fleetFile + ": " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("fleet file " + fleetFile + " is not a JSON object");
        }
        int version = doc.path("version").asInt(-1);
        if (version != FLEET_VERSION) {
            throw new IllegalArgumentException("fleet file " + fleetFile + " is version " + doc.path("version")
                    + ", this toolkit reads version " + FLEET_VERSION);
        }
        if (!doc.path("servers").isArray()) {
            throw new IllegalArgumentException("fleet file " + fleetFile + " has no \"servers\" list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : doc.get("servers")) {
            String address = s.path("address").asText("");
            if (!address.startsWith("ws://") && !address.startsWith("wss://")) {
                throw new IllegalArgumentException(
                        "fleet file " + fleetFile + " lists a server without a ws:// address: " + s);
            }
            out.add(address);
        }
        return new Fleet(
                out,
                doc.path("expected_servers").asInt(0)
                        * doc.path("workers_per_server").asInt(0));
    }

    /** Opens one environment per task and puts them in a {@link VectorEnv} (one thread per environment). */
    public VectorEnv vector(List<Task> tasks) {
        List<LiberoEnv> opened = new ArrayList<>();
        for (Task t : tasks) {
            opened.add(open(t));
        }
        return new VectorEnv(opened, opened.size());
    }

    /** Environments whose server or worker died; they fail every call, replace them with {@link #open(Task)}. */
    public synchronized List<LiberoEnv> lost() {
        return envs.stream().filter(LiberoEnv::isLost).toList();
    }

    /** Environments opened by this pool and not closed. */
    public synchronized List<LiberoEnv> environments() {
        return Collections.unmodifiableList(new ArrayList<>(envs));
    }

    private int free(String address) {
        LiberoClient c = clients.get(address);
        int workers = c == null ? Integer.MAX_VALUE / 2 : c.workers();
        long used = envs.stream()
                .filter(e -> e.server().equals(address) && !e.isClosed() && !e.isLost())
                .count();
        return workers - (int) used;
    }

    /**
     * The connected client of a server, connecting (again) when there is none or the last one died; null when the
     * server cannot be reached (the reason is kept for the error message, and the address rests a few seconds).
     *
     * @throws LiberoException when the server refuses the token or the protocol version: waiting cannot help
     */
    private synchronized LiberoClient client(String address) {
        LiberoClient c = clients.get(address);
        if (c != null && c.isAlive()) {
            return c;
        }
        if (c != null) { // a dead connection: a server restarted at the same address gets a fresh one
            c.close();
            clients.put(address, null);
        }
        Long after = retryAt.get(address);
        if (after != null && System.nanoTime() < after) {
            return null;
        }
        try {
            c = LiberoClient.connect(address, token);
            clients.put(address, c);
            failures.remove(address);
            retryAt.remove(address);
            return c;
        } catch (LiberoException e) {
            if (FATAL.contains(e.kind())) {
                throw e;
            }
            failures.put(address, e.kind());
            retryAt.put(address, System.nanoTime() + RETRY_NANOS);
            return null;
        }
    }

    /** Closes every environment and connection. */
    @Override
    public synchronized void close() {
        envs.forEach(LiberoEnv::close);
        envs.clear();
        clients.values().stream().filter(c -> c != null).forEach(LiberoClient::close);
    }
}
