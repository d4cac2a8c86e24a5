package dev.srpo.libero;

import dev.srpo.env.Task;
import dev.srpo.env.VectorEnv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environments spread over several LIBERO servers (processes on this machine, or hosts): {@link #open(Task)} puts
 * each new environment on the live server with the most free workers. A server is nothing but its address, so
 * whatever starts servers (a script, {@link LiberoServer}, later a cluster engine's actors) hands the addresses in;
 * the pool schedules nothing itself.
 *
 * <p>When a server dies, its environments fail with a {@link LiberoException} naming the server and the task; the
 * pool then lists them in {@link #lost()}, stops placing environments on that server, and the caller opens a
 * replacement elsewhere with {@link #open(Task)}.
 */
public final class LiberoPool implements AutoCloseable {

    private final String token;
    private final int width;
    private final int height;
    private final boolean wrist;
    private final Map<String, LiberoClient> clients = new LinkedHashMap<>();
    private final List<LiberoEnv> envs = new ArrayList<>();

    /**
     * @param addresses the servers, e.g. {@code ws://127.0.0.1:8765}
     * @param token their shared token, or null
     * @param width frame width of every environment
     * @param height frame height of every environment
     * @param wrist whether environments render the wrist camera too
     */
    public LiberoPool(List<String> addresses, String token, int width, int height, boolean wrist) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a LiberoPool needs at least one server address");
        }
        this.token = token;
        this.width = width;
        this.height = height;
        this.wrist = wrist;
        for (String a : addresses) {
            clients.put(a, null); // connected on first use
        }
    }

    /**
     * The pool named by the environment: {@code SRPO_LIBERO_SERVERS} (comma-separated addresses) and
     * {@code SRPO_LIBERO_TOKEN}, 128×128 frames without wrist camera.
     *
     * @throws IllegalStateException when {@code SRPO_LIBERO_SERVERS} is not set
     */
    public static LiberoPool fromEnvironment() {
        String servers = System.getenv("SRPO_LIBERO_SERVERS");
        if (servers == null || servers.isBlank()) {
            throw new IllegalStateException("SRPO_LIBERO_SERVERS is not set: give the LIBERO servers' addresses, "
                    + "comma-separated (e.g. ws://127.0.0.1:8765), started with `srpo-libero-server`");
        }
        List<String> list = Arrays.stream(servers.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        return new LiberoPool(list, System.getenv("SRPO_LIBERO_TOKEN"), 128, 128, false);
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
     * Opens an environment on the live server with the most free workers.
     *
     * @throws LiberoException when no server is reachable or all are full
     */
    public synchronized LiberoEnv open(Task task) {
        List<String> tried = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (String a : liveServers()) {
            if (client(a) != null) { // connected first, so every server's worker count is known
                order.add(a);
            } else {
                tried.add(a + " (unreachable)");
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
                LiberoEnv env = c.open(task, width, height, wrist);
                envs.add(env);
                return env;
            } catch (LiberoException e) {
                tried.add(a + " (" + e.kind() + ")");
            }
        }
        throw new LiberoException(
                "no_capacity", String.join(",", servers()), "no LIBERO server could open task " + task + ": " + tried);
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

    private synchronized LiberoClient client(String address) {
        LiberoClient c = clients.get(address);
        if (c == null) {
            try {
                c = LiberoClient.connect(address, token);
                clients.put(address, c);
            } catch (LiberoException e) {
                return null;
            }
        }
        return c.isAlive() ? c : null;
    }

    /** Closes every environment and connection. */
    @Override
    public synchronized void close() {
        envs.forEach(LiberoEnv::close);
        envs.clear();
        clients.values().stream().filter(c -> c != null).forEach(LiberoClient::close);
    }
}
