package dev.srpo.libero;

import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to one LIBERO server (protocol {@value #PROTOCOL_VERSION}, {@code PROTOCOL.md}): the hello
 * handshake with the version check and optional token, the task list, and environments opened on it.
 *
 * <p>Thread-safe: requests carry ids and may be in flight together, so a {@link dev.srpo.env.VectorEnv} stepping
 * several environments of one server on several threads steps them in lock-step over this one connection. A
 * request not answered within the timeout, a closed socket, or missed heartbeats (a WebSocket ping every
 * {@code heartbeat}, unanswered for two) make the connection lost: every pending and later request fails with a
 * {@link LiberoException} of kind {@link LiberoException#CONNECTION_LOST}.
 */
public final class LiberoClient implements AutoCloseable {

    /** The protocol version this client speaks. */
    public static final int PROTOCOL_VERSION = 1;
    /** Largest reply accepted (two 1024×1024 frames fit). */
    static final int MAX_REPLY_BYTES = 32 * 1024 * 1024;

    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "srpo-libero-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final String address;
    private final Duration timeout;
    private final WebSocket socket;
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object sendLock = new Object();
    private final ScheduledFuture<?> heartbeat;
    private volatile long lastHeard = System.nanoTime();
    private volatile LiberoException lost;
    private final Map<String, Object> hello;

    private LiberoClient(String address, Duration timeout, Duration heartbeatEvery, String token) {
        this.address = address;
        this.timeout = timeout;
        try {
            this.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(URI.create(address), new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | IllegalArgumentException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    address,
                    "cannot connect to LIBERO server " + address + ": " + cause,
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiberoException(LiberoException.CONNECTION_LOST, address, "interrupted connecting to " + address);
        }
        long every = heartbeatEvery.toMillis();
        this.heartbeat = HEARTBEATS.scheduleAtFixedRate(() -> beat(every), every, every, TimeUnit.MILLISECONDS);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("protocol", PROTOCOL_VERSION);
        h.put("client", "srpo-toolkit");
        h.put("token", token);
        try {
            this.hello = request("hello", h);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Connects and shakes hands.
     *
     * @param address the server, e.g. {@code ws://127.0.0.1:8765}
     * @param token the server's shared token, or null when it has none
     * @throws LiberoException if the server cannot be reached, speaks another protocol version, or refuses the
     *     token
     */
    public static LiberoClient connect(String address, String token) {
        return connect(address, token, Duration.ofSeconds(120), Duration.ofSeconds(15));
    }

    /**
     * @param timeout how long one request may take (opening an environment compiles its MuJoCo model: seconds)
     * @param heartbeat interval between pings
     */
    public static LiberoClient connect(String address, String token, Duration timeout, Duration heartbeat) {
        return new LiberoClient(address, timeout, heartbeat, token);
    }

    /** The server's address. */
    public String address() {
        return address;
    }

    /** Worker processes on the server: how many environments it runs at once. */
    public int workers() {
        return ((Number) hello.get("workers")).intValue();
    }

    /** The server's name and version, e.g. {@code srpo-libero-server/0.1.0}. */
    public String serverName() {
        return (String) hello.get("server");
    }

    /** Largest request the server reads. */
    public int maxMessageBytes() {
        return ((Number) hello.get("max_message_bytes")).intValue();
    }

    /** Whether the connection is still usable. */
    public boolean isAlive() {
        return lost == null;
    }

    /**
     * The server's tasks of the four suites, each checked against the toolkit's catalog (same suite, index and
     * instruction): a server whose LIBERO disagrees with {@code libero-tasks.json} is refused by name.
     *
     * @throws LiberoException of kind {@code catalog_mismatch} naming the first task that differs
     */
    public List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks =
                (List<Map<String, Object>>) request("tasks", Map.of()).get("tasks");
        for (Map<String, Object> t : tasks) {
            Suite suite = Suite.of((String) t.get("suite"));
            int index = ((Number) t.get("index")).intValue();
            Task task = new Task(suite, index, (String) t.get("language"));
            List<Task> ours = suite.tasks();
            if (index >= ours.size() || !ours.get(index).equals(task)) {
                throw new LiberoException(
                        "catalog_mismatch",
                        address,
                        "LIBERO server " + address + " has task "
                                + task + " where the toolkit's catalog has "
                                + (index < ours.size() ? ours.get(index) : "none"));
            }
            out.add(task);
        }
        for (Suite s : Suite.values()) {
            if (out.stream().filter(t -> t.suite() == s).count() != s.tasks().size()) {
                throw new LiberoException(
                        "catalog_mismatch",
                        address,
                        "LIBERO server " + address + " lists "
                                + out.stream().filter(t -> t.suite() == s).count() + " tasks of " + s.id()
                                + ", the toolkit "
                                + s.tasks().size());
            }
        }
        return out;
    }

    /** Opens an environment running {@code task} with 128×128 agentview frames and no wrist camera. */
    public LiberoEnv open(Task task) {
        return open(task, 128, 128, false);
    }

    /**
     * Opens an environment on one of the server's workers.
     *
     * @param width frame width (16–1024)
     * @param height frame height (16–1024)
     * @param wrist whether to render the wrist camera too
     * @throws LiberoException of kind {@code no_capacity} when every worker already holds an environment
     */
    public LiberoEnv open(Task task, int width, int height, boolean wrist) {
        return open(task, new LiberoOptions(width, height, wrist, false, 0));
    }

    /**
     * Opens an environment on one of the server's workers.
     *
     * @throws LiberoException of kind {@code no_capacity} when every worker already holds an environment
     */
    public LiberoEnv open(Task task, LiberoOptions options) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("suite", task.suite().id());
        r.put("task", task.index());
        r.put("width", options.width());
        r.put("height", options.height());
        r.put("wrist", options.wrist());
        Map<String, Object> reply = request("open", r);
        String language = (String) reply.get("language");
        if (!language.equals(task.language())) {
            throw new LiberoException(
                    "catalog_mismatch",
                    address,
                    "LIBERO server " + address + " runs task " + task.id() + " as \"" + language
                            + "\", the toolkit's catalog says \"" + task.language() + "\"");
        }
        return new LiberoEnv(this, ((Number) reply.get("env")).longValue(), task, options);
    }

    /**
     * Sends one request and waits for its reply.
     *
     * @throws LiberoException for an error reply (with its kind), a lost connection or a timeout
     */
    public Map<String, Object> request(String op, Map<String, ?> fields) {
        Map<String, Object> message = new LinkedHashMap<>(fields);
        message.put("op", op);
        long id = ids.incrementAndGet();
        message.put("id", id);
        byte[] frame = Msgpack.encode(message);
        if (hello != null && frame.length > maxMessageBytes()) {
            throw new IllegalArgumentException("a '" + op + "' request of " + frame.length + " bytes exceeds " + address
                    + "'s limit of " + maxMessageBytes() + " bytes");
        }
        Map<String, Object> reply = exchange(id, frame, op);
        if (!Boolean.TRUE.equals(reply.get("ok"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) reply.get("error");
            String kind = error == null ? "internal" : String.valueOf(error.get("kind"));
            String text = error == null ? "error reply without details" : String.valueOf(error.get("message"));
            throw new LiberoException(
                    kind, address, "LIBERO server " + address + " refused '" + op + "' (" + kind + "): " + text);
        }
        return reply;
    }

    /** Sends raw bytes as one request frame, bypassing every check (for protocol tests); returns the reply. */
    Map<String, Object> requestRaw(byte[] frame) {
        // the server cannot read an id from a malformed frame, so it answers with id nil: match that
        return exchange(0L, frame, "raw");
    }

    private Map<String, Object> exchange(long id, byte[] frame, String op) {
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        if (pending.putIfAbsent(id, reply) != null) {
            throw new IllegalStateException("request id " + id + " already in flight");
        }
        try {
            checkAlive(op);
            synchronized (sendLock) { // the JDK's WebSocket allows one outstanding send at a time
                socket.sendBinary(ByteBuffer.wrap(frame), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fail(new LiberoException(
                    LiberoException.TIMEOUT,
                    address,
                    "LIBERO server " + address + " did not answer '" + op + "' within " + timeout.toSeconds() + " s"));
            throw lost;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LiberoException le) {
                throw new LiberoException(le.kind(), address, le.getMessage(), le);
            }
            fail(new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    address,
                    "connection to LIBERO server " + address + " failed: " + e.getCause(),
                    e.getCause()));
            throw lost;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiberoException(LiberoException.CONNECTION_LOST, address, "interrupted waiting for " + address);
        } finally {
            pending.remove(id);
        }
    }

    private void checkAlive(String op) {
        LiberoException l = lost;
        if (l != null) {
            throw new LiberoException(l.kind(), address, "cannot send '" + op + "': " + l.getMessage(), l);
        }
    }

    private void fail(LiberoException why) {
        synchronized (this) {
            if (lost != null) {
                return;
            }
            lost = why;
        }
        heartbeat.cancel(false);
        pending.values().forEach(f -> f.completeExceptionally(why));
        socket.abort();
    }

    private void beat(long everyMillis) {
        if (lost != null) {
            return;
        }
        if (System.nanoTime() - lastHeard > TimeUnit.MILLISECONDS.toNanos(3 * everyMillis)) {
            fail(new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    address,
                    "LIBERO server " + address + " missed its heartbeats (nothing heard for " + 3 * everyMillis / 1000
                            + " s)"));
            return;
        }
        synchronized (sendLock) {
            socket.sendPing(ByteBuffer.allocate(0));
        }
    }

    /** Closes the connection; the server frees this connection's environments. Idempotent. */
    @Override
    public void close() {
        heartbeat.cancel(false);
        if (lost == null) {
            lost = new LiberoException(LiberoException.CONNECTION_LOST, address, "the client closed the connection");
            pending.values().forEach(f -> f.completeExceptionally(lost));
            try {
                synchronized (sendLock) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
                }
            } catch (Exception e) { // closing anyway
                socket.abort();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            lastHeard = System.nanoTime();
            if (parts.size() + data.remaining() > MAX_REPLY_BYTES) {
                fail(new LiberoException(
                        LiberoException.CONNECTION_LOST,
                        address,
                        "LIBERO server " + address + " sent a reply larger than " + MAX_REPLY_BYTES + " bytes"));
                return null;
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            parts.writeBytes(chunk);
            if (last) {
                Map<String, Object> reply;
                try {
                    reply = Msgpack.decode(parts.toByteArray());
                } catch (IllegalArgumentException e) {
                    fail(new LiberoException(
                            LiberoException.CONNECTION_LOST,
                            address,
                            "LIBERO server " + address + " sent an unreadable reply: " + e.getMessage()));
                    return null;
                } finally {
                    parts.reset();
                }
                Object id = reply.get("id");
                CompletableFuture<Map<String, Object>> f = pending.get(id == null ? 0L : ((Number) id).longValue());
                if (f != null) {
                    f.complete(reply);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastHeard = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastHeard = System.nanoTime();
            ws.request(1);
            return null; // the JDK answers with a pong
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            fail(new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    address,
                    "LIBERO server " + address + " closed the connection (" + status
                            + (reason.isEmpty() ? "" : ": " + reason) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            fail(new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    address,
                    "connection to LIBERO server " + address + " broke: " + error,
                    error));
        }
    }
}
