package dev.srpo.rl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Suite;
import java.util.Map;

/**
 * How an offline buffer is collected ({@code srpo offline collect}): rollouts of a starting policy on <em>training
 * layouts</em> (never the evaluation states), sampled at the rollout temperature, each task given the same number
 * of layouts and every layout a group of rollouts, with their world-model prefix embeddings. Saved in the buffer's
 * index; continuing a buffer takes the same settings.
 *
 * @param env environment backend ({@code tabletop})
 * @param suite the suite
 * @param init the policy that collects (one-shot SFT, or an improved policy for a further round)
 * @param encoder trajectory encoder of the prefix embeddings: {@code world-model}, {@code image-ssl},
 *     {@code pixels}, or {@code vjepa2:FILE.pt}
 * @param layoutsPerTask training layouts per task (random, seeded)
 * @param groupSize rollouts per layout
 * @param temperature sampling temperature (the online rollouts')
 * @param promptsPerBatch layouts per collected batch (a batch is the unit written and resumed)
 * @param seed every random choice derives from it
 * @param threads environment threads
 * @param maxBatch observations per policy forward pass
 */
public record CollectConfig(
        String env,
        String suite,
        String init,
        String encoder,
        int layoutsPerTask,
        int groupSize,
        float temperature,
        int promptsPerBatch,
        long seed,
        int threads,
        int maxBatch) {

    /** The defaults: 8 layouts × 8 rollouts per task (640 rollouts for a suite), T 1.6, the shipped world model. */
    public static final CollectConfig DEFAULTS = new CollectConfig(
            "tabletop", "libero_object", null, "world-model", 8, 8, TrainerConfig.TEMPERATURE, 8, 1, 1, 64);

    /**
     * Checks every value, naming the first bad key.
     *
     * @throws IllegalArgumentException naming the key and what it accepts
     */
    public CollectConfig validate() {
        Suite.of(suite);
        Configs.encoder("encoder", encoder);
        Configs.atLeast("layoutsPerTask", layoutsPerTask, 1);
        if (groupSize < 1 || groupSize > 256) {
            throw Configs.bad("groupSize", groupSize, "1..256");
        }
        if (!(temperature > 0) || temperature > 100) {
            throw Configs.bad("temperature", temperature, "a number in (0, 100]");
        }
        Configs.atLeast("promptsPerBatch", promptsPerBatch, 1);
        if (threads < 1 || threads > 1024) {
            throw Configs.bad("threads", threads, "1..1024");
        }
        if (maxBatch < 1 || maxBatch > 4096) {
            throw Configs.bad("maxBatch", maxBatch, "1..4096");
        }
        if (init == null) {
            throw new IllegalArgumentException("no collecting policy: set 'init' (--init FILE.vla)");
        }
        return this;
    }

    /** The suite. */
    public Suite suiteValue() {
        return Suite.of(suite);
    }

    /** This config with the keys of {@code overrides} replaced, validated. */
    public CollectConfig with(ObjectNode overrides) {
        return Configs.with(this, overrides, CollectConfig.class).validate();
    }

    /** This config as JSON (what the buffer's index holds). */
    public ObjectNode toJson() {
        return Configs.JSON.valueToTree(this);
    }

    /** Key → value, for the table a collection prints at its start. */
    public Map<String, String> asMap() {
        return Configs.asMap(this);
    }

    /** Reads the config saved in a buffer's description (extra facts there, like the commit, are ignored). */
    public static CollectConfig of(ObjectNode description) {
        ObjectNode keys = Configs.JSON.createObjectNode();
        for (String k : Configs.keys(DEFAULTS)) {
            if (description.has(k)) {
                keys.set(k, description.get(k));
            }
        }
        return DEFAULTS.with(keys);
    }
}
