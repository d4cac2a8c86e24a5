package dev.srpo.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Observation;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Collected rollouts on disk, for offline training: each rollout's chunks (the observation it decided from, its
 * tokens, the log-probs at sampling, the steps executed), its outcome, and the world-model embeddings of its
 * prefixes at every chunk boundary (what per-step progress is computed from). Collected once, trained on many times.
 *
 * <pre>
 * buffer.json              index: format, version, description (how it was collected: policy, suite, encoder,
 *                          embedding size, temperature, seed, commit), one entry per batch and rollout
 * batches/00000.rollouts   one collected batch: gzip of "SRPOROLL", int n, then n rollouts
 * </pre>
 * A batch file is written atomically before the index names it, so an interrupted collection leaves a buffer that
 * holds exactly the batches the index lists, and collection resumes at the next batch. Videos are not kept: the
 * prefix embeddings are what training needs.
 */
public final class RolloutBuffer {

    /** Name of the index file. */
    public static final String INDEX = "buffer.json";
    /** Value of the index's {@code format} field. */
    public static final String FORMAT = "srpo-rollout-buffer";

    private static final int VERSION = 1;
    private static final byte[] MAGIC = "SRPOROLL".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One rollout of the buffer.
     *
     * @param rollout the rollout (no video: {@link Rollout#video()} is null)
     * @param prefixes the embeddings of its prefixes at every chunk boundary: {@code prefixes[c]} of the frames up to
     *     chunk c's decision (c = 0 .. C−1), {@code prefixes[C]} of the whole trajectory
     */
    public record Stored(Rollout rollout, double[][] prefixes) {

        public Stored {
            if (prefixes.length != rollout.chunks().size() + 1) {
                throw new IllegalArgumentException(
                        "a rollout of " + rollout.task().id() + " with "
                                + rollout.chunks().size() + " chunks needs "
                                + (rollout.chunks().size() + 1)
                                + " prefix embeddings (one per chunk boundary), got " + prefixes.length);
            }
        }
    }

    private final Path dir;
    private final ObjectNode index;

    private RolloutBuffer(Path dir, ObjectNode index) {
        this.dir = dir;
        this.index = index;
    }

    /**
     * Opens a buffer folder (reads only the index).
     *
     * @throws IllegalArgumentException if the folder holds no buffer, or its index is not one
     */
    public static RolloutBuffer open(Path dir) {
        Path file = dir.resolve(INDEX);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no rollout buffer at " + dir + ": " + INDEX + " is missing", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode o)
                || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(
                    file + " is not a " + FORMAT + " index (format: " + root.path("format") + ")");
        }
        if (!root.path("description").path("encoder").isTextual()
                || !root.path("description").path("dimension").canConvertToInt()
                || !root.path("batches").isArray()) {
            throw new IllegalArgumentException(
                    file + ": the index needs description.encoder, description.dimension and batches");
        }
        return new RolloutBuffer(dir, o);
    }

    /**
     * Starts a buffer in an empty (or new) folder.
     *
     * @param description how the rollouts are collected; must name the {@code encoder} and its embedding
     *     {@code dimension}, which every stored rollout is checked against
     */
    public static RolloutBuffer create(Path dir, ObjectNode description) {
        if (!description.path("encoder").isTextual()
                || !description.path("dimension").canConvertToInt()) {
            throw new IllegalArgumentException("a buffer's description must name its encoder and dimension");
        }
        if (Files.exists(dir.resolve(INDEX))) {
            throw new IllegalArgumentException(dir + " already holds a rollout buffer: open it instead");
        }
        ObjectNode index = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        index.set("description", description.deepCopy());
        index.putArray("batches");
        RolloutBuffer b = new RolloutBuffer(dir, index);
        b.writeIndex();
        return b;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** How the rollouts were collected. */
    public ObjectNode description() {
        return (ObjectNode) index.get("description");
    }

    /** The encoder whose embeddings the buffer holds. */
    public String encoder() {
        return description().get("encoder").asText();
    }

    /** The length of every embedding. */
    public int dimension() {
        return description().get("dimension").asInt();
    }

    /** Batches written so far. */
    public int batches() {
        return index.get("batches").size();
    }

    /** Rollouts held. */
    public int size() {
        int n = 0;
        for (JsonNode b : index.get("batches")) {
            n += b.get("rollouts").size();
        }
        return n;
    }

    /** Successful rollouts held. */
    public int successes() {
        int n = 0;
        for (JsonNode b : index.get("batches")) {
            for (JsonNode r : b.get("rollouts")) {
                n += r.get("success").asBoolean() ? 1 : 0;
            }
        }
        return n;
    }

    /** Seconds the batches took to collect, summed (as their collector reported them). */
    public double seconds() {
        double s = 0;
        for (JsonNode b : index.get("batches")) {
            s += b.path("seconds").asDouble(0);
        }
        return s;
    }

    /**
     * Writes one more batch, then names it in the index.
     *
     * @param seconds what collecting it took (0 if unknown), kept in the index
     * @throws IllegalArgumentException if a rollout's embeddings are not of the buffer's dimension
     */
    public void append(List<Stored> batch, double seconds) {
        for (Stored s : batch) {
            for (double[] p : s.prefixes()) {
                if (p.length != dimension()) {
                    throw new IllegalArgumentException("a rollout of "
                            + s.rollout().task().id() + " has embeddings of "
                            + p.length + " numbers, the buffer " + dir + " holds " + encoder() + "'s " + dimension()
                            + ": one encoder per buffer");
                }
            }
        }
        String name = String.format("batches/%05d.rollouts", batches());
        AtomicFiles.write(dir.resolve(name), raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
            out.write(MAGIC);
            out.writeInt(batch.size());
            for (Stored s : batch) {
                write(out, s);
            }
            out.flush();
            gz.finish();
        });
        ObjectNode entry =
                ((ArrayNode) index.get("batches")).addObject().put("file", name).put("seconds", seconds);
        ArrayNode rollouts = entry.putArray("rollouts");
        for (Stored s : batch) {
            Rollout r = s.rollout();
            rollouts.addObject()
                    .put("task", r.task().id())
                    .put("initial_state", r.initialState())
                    .put("success", r.success())
                    .put("steps", r.steps())
                    .put("chunks", r.chunks().size());
        }
        writeIndex();
    }

    /**
     * Every rollout, in collection order, in memory: for a small buffer (a large one's frames take gigabytes: stream
     * it with {@link #forEach}).
     *
     * @throws IllegalArgumentException naming the file, if a batch file is missing, truncated or not one
     */
    public List<Stored> readAll() {
        List<Stored> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    /**
     * Hands every rollout to {@code action}, in collection order, reading one batch file at a time: memory for one
     * batch, whatever the buffer's size.
     *
     * @throws IllegalArgumentException naming the file, if a batch file is missing, truncated or not one
     */
    public void forEach(Consumer<Stored> action) {
        for (JsonNode b : index.get("batches")) {
            Path file = dir.resolve(b.get("file").asText());
            List<Stored> read = readBatch(file);
            if (read.size() != b.get("rollouts").size()) {
                throw new IllegalArgumentException(file + " holds " + read.size() + " rollouts, the index "
                        + b.get("rollouts").size());
            }
            read.forEach(action);
        }
    }

    private List<Stored> readBatch(Path file) {
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IllegalArgumentException(file + " is not a batch of an SRPO rollout buffer");
            }
            int n = in.readInt();
            List<Stored> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(read(in, file));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("batch file " + file + " of the buffer is missing", e);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, Stored s) throws IOException {
        Rollout r = s.rollout();
        out.writeUTF(r.task().suite().id());
        out.writeInt(r.task().index());
        out.writeInt(r.initialState());
        out.writeLong(r.seed());
        out.writeFloat(r.temperature());
        out.writeBoolean(r.greedy());
        out.writeBoolean(r.success());
        out.writeInt(r.steps());
        byte[] info = JSON.writeValueAsBytes(r.info());
        out.writeInt(info.length);
        out.write(info);
        out.writeInt(r.path().length);
        for (float[] p : r.path()) {
            writeFloats(out, p);
        }
        out.writeInt(r.chunks().size());
        for (Rollout.Chunk c : r.chunks()) {
            Observation o = c.observation();
            out.writeInt(c.frame());
            out.writeInt(c.validSteps());
            out.writeUTF(o.instruction());
            out.writeInt(o.width());
            out.writeInt(o.height());
            out.write(o.agentview());
            writeFloats(out, o.proprio());
            out.writeInt(c.tokens().length);
            for (int t : c.tokens()) {
                out.writeInt(t);
            }
            writeFloats(out, c.logProbs());
        }
        out.writeInt(s.prefixes().length);
        for (double[] p : s.prefixes()) {
            out.writeInt(p.length);
            for (double v : p) {
                out.writeFloat((float) v); // float precision is what the encoders compute in
            }
        }
    }

    private static Stored read(DataInputStream in, Path file) throws IOException {
        Task task = task(in.readUTF(), in.readInt(), file);
        int initialState = in.readInt();
        long seed = in.readLong();
        float temperature = in.readFloat();
        boolean greedy = in.readBoolean();
        boolean success = in.readBoolean();
        int steps = in.readInt();
        @SuppressWarnings("unchecked")
        Map<String, Object> info = JSON.readValue(in.readNBytes(in.readInt()), Map.class);
        float[][] path = new float[in.readInt()][];
        for (int i = 0; i < path.length; i++) {
            path[i] = readFloats(in);
        }
        int chunks = in.readInt();
        List<Rollout.Chunk> list = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int frame = in.readInt();
            int valid = in.readInt();
            String instruction = in.readUTF();
            int w = in.readInt();
            int h = in.readInt();
            byte[] image = in.readNBytes(3 * w * h);
            if (image.length != 3 * w * h) {
                throw new EOFException();
            }
            float[] proprio = readFloats(in);
            int[] tokens = new int[in.readInt()];
            for (int k = 0; k < tokens.length; k++) {
                tokens[k] = in.readInt();
            }
            float[] logProbs = readFloats(in);
            list.add(new Rollout.Chunk(
                    frame, new Observation(image, w, h, null, proprio, instruction), tokens, logProbs, valid));
        }
        double[][] prefixes = new double[in.readInt()][];
        for (int p = 0; p < prefixes.length; p++) {
            prefixes[p] = new double[in.readInt()];
            for (int k = 0; k < prefixes[p].length; k++) {
                prefixes[p][k] = in.readFloat();
            }
        }
        Start start = new Start(task, initialState);
        return new Stored(
                new Rollout(start, seed, temperature, greedy, list, null, path, success, steps, info), prefixes);
    }

    private static Task task(String suite, int index, Path file) {
        try {
            return Suite.of(suite).task(index);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    file + " names task " + index + " of " + suite + ": " + e.getMessage(), e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("a corrupt length " + n);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    private void writeIndex() {
        try {
            AtomicFiles.write(
                    dir.resolve(INDEX), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the index of " + dir, e);
        }
    }
}
