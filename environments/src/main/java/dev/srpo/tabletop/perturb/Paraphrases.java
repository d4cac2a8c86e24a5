package dev.srpo.tabletop.perturb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srpo.env.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Hand-written paraphrases of the 40 LIBERO instructions, in the styles of LIBERO-Plus's language variants
 * (polite requests, verbose wording, synonyms, added conversational context). Every paraphrase keeps the task's
 * objects, target and spatial relations. Stored in {@code paraphrases.json} next to this class, keyed by
 * {@link Task#id()}.
 */
public final class Paraphrases {

    private static final String RESOURCE = "paraphrases.json";

    private Paraphrases() {}

    /**
     * The paraphrases of {@code task}'s instruction, in the bank's order (roughly plainest first).
     *
     * @throws IllegalArgumentException if the bank has none for the task
     */
    public static List<String> of(Task task) {
        List<String> list = Bank.BY_TASK.get(task.id());
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("no paraphrases for task " + task);
        }
        return list;
    }

    /**
     * The paraphrases of {@code task} ordered from shortest to longest (ties in bank order): longer ones carry more
     * context, so LIBERO-Plus-style difficulty levels take them from later in this list.
     */
    public static List<String> byLength(Task task) {
        return of(task).stream().sorted(Comparator.comparingInt(String::length)).toList();
    }

    /** Loaded on first use; the class-holder idiom makes that thread-safe. */
    private static final class Bank {
        static final Map<String, List<String>> BY_TASK = load();

        private static Map<String, List<String>> load() {
            try (InputStream in = Paraphrases.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
                }
                ObjectMapper mapper = new ObjectMapper();
                JsonNode root = mapper.readTree(in);
                Map<String, List<String>> map =
                        mapper.convertValue(root.get("paraphrases"), new TypeReference<Map<String, List<String>>>() {});
                // Immutable copies so callers cannot edit the shared bank.
                return map.entrySet().stream()
                        .collect(java.util.stream.Collectors.toUnmodifiableMap(
                                Map.Entry::getKey, e -> List.copyOf(e.getValue())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
