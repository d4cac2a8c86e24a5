package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srpo.env.EnvOptions;
import dev.srpo.env.Envs;
import dev.srpo.env.Suite;
import dev.srpo.eval.EpisodeResult;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.policy.ShippedCheckpoints;
import dev.srpo.policy.SmallVla;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one-shot SFT checkpoints shipped in datasets/one-shot-sft/ match their card: the file's SHA-256, the
 * parameter count, the recorded success, and a replay of the first evaluation states of every task, which must
 * give the recorded outcome and step count episode for episode.
 */
class ShippedCheckpointsTest {

    private static final Path DIR = Path.of("..").resolve(ShippedCheckpoints.DEFAULT_DIR);
    private static final int REPLAYED_STATES = 2;

    @ParameterizedTest
    @EnumSource(Suite.class)
    void checkpointMatchesItsCard(Suite suite) throws Exception {
        ShippedCheckpoints.Entry e = ShippedCheckpoints.read(DIR).get(suite.id());
        JsonNode recorded = new ObjectMapper().readTree(e.evalFile().toFile());
        assertEquals(e.episodes(), recorded.path("episodes").asInt(), "episodes of " + e.evalFile());
        assertEquals(e.success(), recorded.path("success_rate").asDouble(), 1e-9, "success of " + e.evalFile());
        assertEquals(suite.tasks().size() * 50, e.episodes(), "the card's success is over all 500 evaluation episodes");

        Map<String, JsonNode> byEpisode = new HashMap<>();
        recorded.path("episode_results")
                .forEach(r -> byEpisode.put(
                        r.path("task").asText() + "#" + r.path("initial_state").asInt(), r));
        try (SmallVla policy = SmallVla.load(e.verified())) {
            assertEquals(e.parameters(), policy.parameterCount(), "parameters of " + e.file());
            EnvOptions options = EnvOptions.DEFAULT.withSize(policy.config().imageSize());
            EvalResult replay = new Evaluator(t -> Envs.create("tabletop", t, options))
                    .firstStates(REPLAYED_STATES)
                    .threads(2)
                    .evaluate(policy, suite.tasks());
            assertEquals(
                    suite.tasks().size() * REPLAYED_STATES, replay.episodes().size());
            for (EpisodeResult r : replay.episodes()) {
                JsonNode want = byEpisode.get(r.task().id() + "#" + r.initialState());
                String where = r.task().id() + " state " + r.initialState();
                assertNotNull(want, where + " is not in " + e.evalFile());
                assertEquals(want.path("success").asBoolean(), r.success(), "outcome of " + where);
                assertEquals(want.path("steps").asInt(), r.steps(), "steps of " + where);
            }
        }
    }

    @Test
    void aChangedCheckpointIsNamed(@TempDir Path tmp) throws Exception {
        ShippedCheckpoints shipped = ShippedCheckpoints.read(DIR);
        Files.copy(DIR.resolve(ShippedCheckpoints.CARD), tmp.resolve(ShippedCheckpoints.CARD));
        for (ShippedCheckpoints.Entry e : shipped.entries().values()) {
            Path copy = tmp.resolve(DIR.relativize(e.file()));
            Files.copy(e.file(), copy);
            Files.copy(e.evalFile(), tmp.resolve(DIR.relativize(e.evalFile())));
        }
        Path object = tmp.resolve(DIR.relativize(shipped.get("libero_object").file()));
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length - 1] ^= 1;
        Files.write(object, bytes);
        var e = assertThrows(
                IllegalStateException.class,
                () -> ShippedCheckpoints.read(tmp).get("libero_object").verified());
        assertTrue(e.getMessage().contains("does not match its card"), e.getMessage());

        var unknown = assertThrows(IllegalArgumentException.class, () -> shipped.get("libero_90"));
        assertTrue(unknown.getMessage().contains("libero_object"), unknown.getMessage());
        Files.delete(object);
        var missing = assertThrows(
                IllegalStateException.class,
                () -> ShippedCheckpoints.read(tmp).get("libero_object").verified());
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
        var noCard = assertThrows(IllegalArgumentException.class, () -> ShippedCheckpoints.read(tmp.resolve("none")));
        assertTrue(noCard.getMessage().contains(ShippedCheckpoints.CARD), noCard.getMessage());
    }
}
