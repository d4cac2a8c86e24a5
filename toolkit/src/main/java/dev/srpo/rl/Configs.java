package dev.srpo.rl;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the run configs ({@link TrainerConfig}, {@link OfflineConfig}, {@link CollectConfig}) share: a record of
 * keys as JSON, overridden key by key, every bad key or value named with what it accepts.
 */
final class Configs {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Configs() {}

    /** The keys of a config record, in order. */
    static List<String> keys(Object config) {
        List<String> keys = new ArrayList<>();
        JSON.valueToTree(config).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Key → value as text, sorted (the table a run prints at its start). */
    static Map<String, String> asMap(Object config) {
        Map<String, String> out = new TreeMap<>();
        JSON.valueToTree(config)
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().toString()));
        return out;
    }

    /**
     * {@code base} with the keys of {@code overrides} replaced (not yet validated).
     *
     * @throws IllegalArgumentException for an unknown key (listing the valid ones) or a value of the wrong type
     */
    static <T> T with(T base, ObjectNode overrides, Class<T> type) {
        List<String> keys = keys(base);
        ObjectNode merged = JSON.valueToTree(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!keys.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "unknown key '" + e.getKey() + "'; the valid keys are " + String.join(", ", keys));
            }
            merged.set(e.getKey(), e.getValue());
        }
        try {
            return JSON.treeToValue(merged, type);
        } catch (MismatchedInputException e) {
            String key = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
            throw new IllegalArgumentException(
                    "key '" + key + "' has the wrong type: " + merged.get(key) + " (the default is "
                            + JSON.valueToTree(base).get(key) + ")",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("config does not fit: " + e.getMessage(), e);
        }
    }

    static void oneOf(String key, String value, String... allowed) {
        if (value == null || !List.of(allowed).contains(value)) {
            throw bad(key, value, "one of " + String.join(", ", allowed));
        }
    }

    /** The constant a config names: {@code to-go} is {@code TO_GO} ({@link #oneOf} checks the name first). */
    static <E extends Enum<E>> E constant(Class<E> type, String name) {
        return Enum.valueOf(type, name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The prefix of an encoder key that names a V-JEPA 2 TorchScript export: {@code vjepa2:FILE.pt}. */
    static final String VJEPA2 = "vjepa2:";

    /** An encoder key: a shipped encoder's name, {@code pixels}, or {@code vjepa2:FILE.pt}. */
    static void encoder(String key, String value) {
        if (value != null && value.startsWith(VJEPA2)) {
            if (!value.endsWith(".pt") || value.length() == VJEPA2.length() + ".pt".length()) {
                throw bad(key, value, "vjepa2:FILE.pt, a TorchScript export with FILE.json beside it");
            }
            return;
        }
        if (value == null || !List.of("world-model", "image-ssl", "pixels").contains(value)) {
            throw bad(key, value, "one of world-model, image-ssl, pixels, or vjepa2:FILE.pt (a V-JEPA 2 export)");
        }
    }

    static void range(String key, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw bad(key, v, "a number in [" + lo + ", " + hi + "]");
        }
    }

    static void atLeast(String key, int v, int lo) {
        if (v < lo) {
            throw bad(key, v, "an integer >= " + lo);
        }
    }

    static IllegalArgumentException bad(String key, Object value, String accepted) {
        return new IllegalArgumentException("key '" + key + "' = " + value + " is not valid: use " + accepted);
    }
}
