package dev.srpo.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy checkpoints shipped under {@code datasets/one-shot-sft/}: SRPO's starting points, one one-shot SFT
 * policy per suite, read through their card ({@code card.json}: file, SHA-256, parameters, measured success). The
 * paper releases its one-shot checkpoints; these are ours, so that nobody has to re-train SFT to try RL.
 *
 * <pre>{@code
 * var shipped = ShippedCheckpoints.read(Path.of("datasets/one-shot-sft"));
 * try (SmallVla policy = SmallVla.load(shipped.get("libero_object").verified())) { ... }
 * }</pre>
 *
 * @param dir the folder holding the card and the checkpoints
 * @param command how each checkpoint was made ({@code <suite>} stands for the suite's short name)
 * @param entries one entry per suite id, in the card's order
 */
public record ShippedCheckpoints(Path dir, String command, Map<String, Entry> entries) {

    /** The card's file name. */
    public static final String CARD = "card.json";

    /** Where the project ships them, relative to the repository's root. */
    public static final Path DEFAULT_DIR = Path.of("datasets", "one-shot-sft");

    /**
     * One shipped checkpoint.
     *
     * @param suite the suite id
     * @param file the checkpoint ({@code .vla})
     * @param sha256 its SHA-256, hex
     * @param parameters the policy's parameter count
     * @param success greedy success over the suite's evaluation episodes when it was made (a fraction)
     * @param episodes how many evaluation episodes that was
     * @param evalFile the per-episode results of that evaluation ({@code EvalResult.writeJson})
     * @param fullSftSuccess the same recipe with 50 demonstrations per task (the "full SFT" level), for reference
     */
    public record Entry(
            String suite,
            Path file,
            String sha256,
            long parameters,
            double success,
            int episodes,
            Path evalFile,
            double fullSftSuccess) {

        /** The checkpoint's path after checking that it is there and its SHA-256 matches the card (named errors). */
        public Path verified() {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the card names " + file + " for " + suite + ", which is missing");
            }
            String actual = ShippedCheckpoints.sha256(file);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException(file + " does not match its card: SHA-256 " + actual + ", card says "
                        + sha256 + " (re-fetch it with git, or re-make it with the card's command)");
            }
            return file;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the card in {@code dir}; a missing card or a missing field is a named error (files: {@link Entry#verified}). */
    public static ShippedCheckpoints read(Path dir) {
        Path card = dir.resolve(CARD);
        if (!Files.isRegularFile(card)) {
            throw new IllegalArgumentException(
                    "no " + CARD + " in " + dir.toAbsolutePath() + ": not a folder of shipped checkpoints");
        }
        JsonNode root;
        try {
            root = JSON.readTree(card.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + card, e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        root.path("suites").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            for (String field : List.of("checkpoint", "sha256", "success", "episodes", "eval")) {
                if (!s.hasNonNull(field)) {
                    throw new IllegalArgumentException(card + ": " + e.getKey() + " has no '" + field + "'");
                }
            }
            entries.put(
                    e.getKey(),
                    new Entry(
                            e.getKey(),
                            dir.resolve(s.path("checkpoint").asText()),
                            s.path("sha256").asText(),
                            s.path("parameters").asLong(),
                            s.path("success").asDouble(),
                            s.path("episodes").asInt(),
                            dir.resolve(s.path("eval").asText()),
                            s.path("full_sft_success").asDouble(Double.NaN)));
        });
        return new ShippedCheckpoints(dir, root.path("command").asText(), Collections.unmodifiableMap(entries));
    }

    /** The entry of a suite id ({@code libero_object}); an unknown suite names the ones shipped. */
    public Entry get(String suite) {
        Entry e = entries.get(suite);
        if (e == null) {
            throw new IllegalArgumentException(
                    "no shipped checkpoint for '" + suite + "' in " + dir + "; shipped: " + entries.keySet());
        }
        return e;
    }

    /** The SHA-256 of a file, hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
