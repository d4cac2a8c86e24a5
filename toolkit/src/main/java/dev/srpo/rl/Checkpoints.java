package dev.srpo.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.io.AtomicFiles;
import dev.srpo.policy.VlaPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A run's checkpoints under {@code OUT/checkpoints/}: one folder per saved step ({@code step-000010/}: the policy,
 * the optimizer's state, the step and the metrics rows so far), written whole under a hidden name and renamed into
 * place, then named in {@code latest}. A run killed at any moment leaves the previous checkpoint intact, and loses
 * at most the steps since it. Every random choice of a run derives from its seed and the step ({@link
 * dev.srpo.Seeds}), so no generator state needs saving: resuming reproduces the uninterrupted run exactly.
 */
public final class Checkpoints {

    static final String POLICY = "policy.vla";
    static final String OPTIMIZER = "optimizer.bin";
    static final String STATE = "state.json";
    static final String METRICS = "metrics.jsonl";
    static final String LATEST = "latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int keep;

    /**
     * A saved step.
     *
     * @param step the last step it includes
     * @param dir its folder
     * @param rows the metrics rows up to that step
     */
    public record Saved(int step, Path dir, List<ObjectNode> rows) {}

    /** @param dir the run's {@code checkpoints/} folder; @param keep how many to keep */
    public Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** Writes step {@code step}'s checkpoint and makes it the latest; removes older ones beyond {@code keep}. */
    public Path save(int step, VlaPolicy policy, Adam adam, List<ObjectNode> rows) {
        String name = String.format("step-%06d", step);
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
        try {
            removeOrphans(); // a run killed while saving left its half-written folder: one trainer writes here
            Files.createDirectories(tmp);
            policy.save(tmp.resolve(POLICY));
            AtomicFiles.write(tmp.resolve(OPTIMIZER), adam.state());
            ObjectNode state = JSON.createObjectNode().put("step", step).put("optimizer_steps", adam.steps());
            AtomicFiles.write(tmp.resolve(STATE), JSON.writeValueAsBytes(state));
            AtomicFiles.write(tmp.resolve(METRICS), jsonl(rows));
            removeFrom(step); // this step's or later ones, left by a run that died before naming them latest
            sync(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            sync(dir);
            AtomicFiles.write(dir.resolve(LATEST), name.getBytes(StandardCharsets.UTF_8));
            sync(dir);
            prune();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + target, e);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private void removeOrphans() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> orphans = Files.newDirectoryStream(dir, ".step-*.tmp")) {
            for (Path o : orphans) {
                AtomicFiles.deleteTree(o);
            }
        }
    }

    /** The latest checkpoint, or null if none was written. */
    public Path latest() {
        try {
            String name = Files.readString(dir.resolve(LATEST), StandardCharsets.UTF_8)
                    .strip();
            return dir.resolve(name);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir.resolve(LATEST), e);
        }
    }

    /**
     * Loads the latest checkpoint into {@code policy} and {@code adam}.
     *
     * @throws IllegalArgumentException if there is none, or it is damaged, naming the file
     */
    public Saved restore(VlaPolicy policy, Adam adam) {
        Path cp = latest();
        if (cp == null) {
            throw new IllegalArgumentException("nothing to resume: no checkpoint in " + dir);
        }
        try {
            JsonNode state = JSON.readTree(Files.readAllBytes(cp.resolve(STATE)));
            policy.loadWeights(cp.resolve(POLICY));
            adam.load(Files.readAllBytes(cp.resolve(OPTIMIZER)));
            List<ObjectNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(cp.resolve(METRICS), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add((ObjectNode) JSON.readTree(line));
                }
            }
            return new Saved(state.get("step").asInt(), cp, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae
                    && iae.getMessage() != null
                    && iae.getMessage().contains(cp.toString())) {
                throw iae;
            }
            throw new IllegalArgumentException("checkpoint " + cp + " cannot be restored: " + e.getMessage(), e);
        }
    }

    /** JSON lines of these rows. */
    static byte[] jsonl(List<ObjectNode> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode r : rows) {
            sb.append(JSON.writeValueAsString(r)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<Path> saved() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{6}"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    private void removeFrom(int step) throws IOException {
        for (Path p : saved()) {
            if (Integer.parseInt(p.getFileName().toString().substring(5)) >= step) {
                AtomicFiles.deleteTree(p);
            }
        }
    }

    private void prune() throws IOException {
        List<Path> saved = saved();
        for (int i = 0; i < saved.size() - keep; i++) {
            AtomicFiles.deleteTree(saved.get(i));
        }
    }

    /** Forces a folder's entries (a rename into it, a new file) to disk, so a power loss cannot undo them. */
    private static void sync(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a folder; the rename is still atomic there
        }
    }
}
