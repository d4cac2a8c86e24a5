package dev.srpo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The {@code --set KEY=VALUE} options every config-driven command takes, parsed one way. */
final class KeyValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyValues() {}

    /**
     * Puts every {@code KEY=VALUE} into {@code flags}: a value that reads as JSON (a number, a boolean, a [list]) as
     * that, any other as text.
     *
     * @throws IllegalArgumentException for an option without {@code =} or without a key
     */
    static ObjectNode put(ObjectNode flags, List<String> sets) {
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set takes KEY=VALUE, got '" + s + "'");
            }
            flags.set(s.substring(0, eq), parse(s.substring(eq + 1)));
        }
        return flags;
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.getNodeFactory().textNode(value);
        }
    }
}
