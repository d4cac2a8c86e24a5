package dev.srpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A folder of demonstrations on disk, read one episode at a time.
 *
 * <pre>
 * dataset.json            index: format, version, description, generator settings, one entry per episode
 * README.md               the dataset card (written by the generator)
 * episodes/00000.demo     one episode: gzip of
 *                           "SRPODEMO", int n, n bytes of JSON header {task, instruction, initial_state,
 *                           success, steps, width, height},
 *                           steps frames (RGB, each the byte-wise difference to the previous frame, so the
 *                           deflater sees mostly zeros), steps × 7 float32 actions (big-endian), and when the
 *                           header's proprio_dim is above 0, steps × proprio_dim float32 proprioceptive states
 * </pre>
 * The index is written last, so an interrupted generator leaves no dataset that looks complete; every file is
 * written atomically.
 */
public final class DemoDataset implements Iterable<Episode> {

    /** Name of the index file. */
    public static final String INDEX = "dataset.json";
    /** Value of the index's {@code format} field. */
    public static final String FORMAT = "srpo-demos";

    private static final byte[] MAGIC = "SRPODEMO".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the index: an episode's file and what it holds, without its frames. */
    public record Entry(String file, String task, String instruction, int initialState, boolean success, int steps) {}

    private final Path dir;
    private final JsonNode index;
    private final List<Entry> entries;

    private DemoDataset(Path dir, JsonNode index, List<Entry> entries) {
        this.dir = dir;
        this.index = index;
        this.entries = List.copyOf(entries);
    }

    /**
     * Opens a dataset folder (reads only the index).
     *
     * @throws IllegalArgumentException if the folder has no index, or the index misses a field (naming it)
     */
    public static DemoDataset open(Path dir) {
        Path file = dir.resolve(INDEX);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no demonstration dataset at " + dir + ": " + INDEX + " is missing", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(
                    file + " is not a " + FORMAT + " index (format: " + root.path("format") + ")");
        }
        List<Entry> entries = new ArrayList<>();
        JsonNode eps = require(root, "episodes", file);
        for (int i = 0; i < eps.size(); i++) {
            JsonNode e = eps.get(i);
            String where = file + " episode " + i;
            entries.add(new Entry(
                    require(e, "file", where).asText(),
                    require(e, "task", where).asText(),
                    require(e, "instruction", where).asText(),
                    require(e, "initial_state", where).asInt(),
                    require(e, "success", where).asBoolean(),
                    require(e, "steps", where).asInt()));
        }
        return new DemoDataset(dir, root, entries);
    }

    private static JsonNode require(JsonNode node, String field, Object where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The index's entries, one per episode, in order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Number of episodes. */
    public int size() {
        return entries.size();
    }

    /** Total steps over all episodes. */
    public long steps() {
        return entries.stream().mapToLong(Entry::steps).sum();
    }

    /** The index's free-form {@code description} object (generator settings), or an empty object. */
    public JsonNode description() {
        return index.path("description");
    }

    /** Reads episode {@code i}. */
    public Episode episode(int i) {
        return readEpisode(dir.resolve(entries.get(i).file()));
    }

    /** Streams the episodes in order, reading each file only when it is reached. */
    @Override
    public Iterator<Episode> iterator() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < entries.size();
            }

            @Override
            public Episode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return episode(next++);
            }
        };
    }

    /** The episodes of several datasets, one set after another, each streamed like {@link #iterator()}. */
    public static Iterable<Episode> chain(List<DemoDataset> sets) {
        List<DemoDataset> chained = List.copyOf(sets);
        // a plain iterator, not Stream.flatMap: a flat-mapped stream read through iterator() buffers each inner
        // stream whole, that is a whole dataset's raw frames (out of a 6 GB heap on full LIBERO-Long)
        return () -> new Iterator<>() {
            int set;
            Iterator<Episode> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && set < chained.size()) {
                    current = chained.get(set++).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Episode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Every episode in memory, frames raw (a full set at 192×192 takes gigabytes; {@code Sft} streams instead). */
    public List<Episode> readAll() {
        List<Episode> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    /**
     * Reads one episode file.
     *
     * @throws IllegalArgumentException naming the file, if it is not an episode file, misses a header field or is
     *     truncated
     */
    public static Episode readEpisode(Path file) {
        try (DataInputStream in = new DataInputStream(
                new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException(file + " is not an SRPO demonstration episode");
            }
            JsonNode h = JSON.readTree(in.readNBytes(in.readInt()));
            String task = require(h, "task", file).asText();
            String instruction = require(h, "instruction", file).asText();
            int initialState = require(h, "initial_state", file).asInt();
            boolean success = require(h, "success", file).asBoolean();
            int steps = require(h, "steps", file).asInt();
            int width = require(h, "width", file).asInt();
            int height = require(h, "height", file).asInt();
            int bytes = 3 * width * height;
            List<byte[]> frames = new ArrayList<>(steps);
            byte[] previous = new byte[bytes];
            for (int t = 0; t < steps; t++) {
                byte[] f = in.readNBytes(bytes);
                if (f.length != bytes) {
                    throw new IllegalArgumentException(file + " is truncated in frame " + t);
                }
                for (int i = 0; i < bytes; i++) {
                    f[i] += previous[i];
                }
                frames.add(f);
                previous = f;
            }
            List<float[]> actions = readFloats(in, steps, 7);
            int proprioDim = h.path("proprio_dim").asInt(0);
            List<float[]> proprio = proprioDim > 0 ? readFloats(in, steps, proprioDim) : null;
            return new Episode(task, instruction, initialState, success, width, height, frames, actions, proprio);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("episode file " + file + " is missing", e);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + " is truncated", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read episode " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<float[]> readFloats(DataInputStream in, int rows, int columns) throws IOException {
        List<float[]> out = new ArrayList<>(rows);
        for (int t = 0; t < rows; t++) {
            float[] a = new float[columns];
            for (int d = 0; d < columns; d++) {
                a[d] = in.readFloat();
            }
            out.add(a);
        }
        return out;
    }

    /** Writes one episode file atomically. */
    public static void writeEpisode(Path file, Episode ep) {
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
            out.write(MAGIC);
            ObjectNode h = JSON.createObjectNode();
            h.put("task", ep.task());
            h.put("instruction", ep.instruction());
            h.put("initial_state", ep.initialState());
            h.put("success", ep.success());
            h.put("steps", ep.length());
            h.put("width", ep.width());
            h.put("height", ep.height());
            h.put("proprio_dim", ep.proprioDim());
            byte[] header = JSON.writeValueAsBytes(h);
            out.writeInt(header.length);
            out.write(header);
            byte[] previous = new byte[3 * ep.width() * ep.height()];
            byte[] delta = new byte[previous.length];
            for (byte[] f : ep.frames()) {
                for (int i = 0; i < f.length; i++) {
                    delta[i] = (byte) (f[i] - previous[i]);
                }
                out.write(delta);
                previous = f;
            }
            for (float[] a : ep.actions()) {
                for (float v : a) {
                    out.writeFloat(v);
                }
            }
            if (ep.proprioDim() > 0) {
                for (float[] p : ep.proprio()) {
                    for (float v : p) {
                        out.writeFloat(v);
                    }
                }
            }
            out.flush();
            gz.finish();
        });
    }

    /**
     * Starts a dataset in {@code dir}; episodes are written as they are added, the index on {@link Writer#close}.
     *
     * @param description free-form facts for the index (generator, seed, noise), may be empty
     */
    public static Writer create(Path dir, ObjectNode description) {
        return new Writer(dir, description == null ? JSON.createObjectNode() : description);
    }

    /** Adds episodes to a new dataset; closing it writes the index. */
    public static final class Writer implements AutoCloseable {
        private final Path dir;
        private final ObjectNode description;
        private final List<Entry> entries = new ArrayList<>();
        private boolean closed;

        private Writer(Path dir, ObjectNode description) {
            this.dir = dir;
            this.description = description;
            try {
                Files.createDirectories(dir.resolve("episodes"));
                Files.deleteIfExists(dir.resolve(INDEX)); // until the new index is written, no dataset is here
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create dataset folder " + dir, e);
            }
        }

        /** Writes an episode's file and remembers its index entry. */
        public void add(Episode ep) {
            if (closed) {
                throw new IllegalStateException("this dataset writer is closed");
            }
            String file = String.format("episodes/%05d.demo", entries.size());
            writeEpisode(dir.resolve(file), ep);
            entries.add(new Entry(file, ep.task(), ep.instruction(), ep.initialState(), ep.success(), ep.length()));
        }

        /** Episodes added so far. */
        public int size() {
            return entries.size();
        }

        /** Writes the index; the dataset is complete. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", 1);
            root.set("description", description);
            ArrayNode eps = root.putArray("episodes");
            for (Entry e : entries) {
                ObjectNode n = eps.addObject();
                n.put("file", e.file());
                n.put("task", e.task());
                n.put("instruction", e.instruction());
                n.put("initial_state", e.initialState());
                n.put("success", e.success());
                n.put("steps", e.steps());
            }
            try {
                AtomicFiles.write(
                        dir.resolve(INDEX),
                        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the index of " + dir, e);
            }
        }
    }
}
