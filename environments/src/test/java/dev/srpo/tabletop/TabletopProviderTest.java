package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.EnvOptions;
import dev.srpo.env.Envs;
import dev.srpo.env.Observation;
import dev.srpo.env.Suite;
import dev.srpo.tabletop.perturb.Perturbation;
import dev.srpo.tabletop.perturb.VariantGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TabletopProviderTest {

    @Test
    void theSimulatorIsFoundByName() {
        assertTrue(Envs.backends().contains("tabletop"), Envs.backends().toString());
        var env = Envs.create("tabletop", Suite.GOAL.task(3));
        assertTrue(env instanceof TabletopEnv);
        assertEquals(Suite.GOAL.task(3), env.task());
        var e = assertThrows(IllegalArgumentException.class, () -> Envs.create("mujoco", Suite.GOAL.task(3)));
        assertTrue(
                e.getMessage().contains("no environment backend named 'mujoco'; available: [libero, tabletop]"),
                e.getMessage());
    }

    @Test
    void everyEnvOptionReachesTheSimulator() {
        var task = Suite.GOAL.task(3);
        String id = "libero_goal/3/light/L3/0";
        var options = EnvOptions.DEFAULT
                .withSize(64)
                .withWrist(true)
                .withTrainingLayouts(true)
                .withVariant(id);
        var env = (TabletopEnv) Envs.create("tabletop", task, options);
        assertEquals(
                TabletopOptions.DEFAULT
                        .withSize(64, 64)
                        .withWrist(true)
                        .withTrainingLayouts(true)
                        .withPerturbation(VariantGenerator.shipped(id).perturbation()),
                env.options());
        assertNotEquals(Perturbation.NONE, env.options().perturbation());
        Observation obs = env.reset(0);
        assertEquals(64, obs.width());
        assertNotNull(obs.wrist(), "the wrist camera renders");
        assertEquals(
                TabletopOptions.DEFAULT, ((TabletopEnv) Envs.create("tabletop", task, EnvOptions.DEFAULT)).options());

        var other = assertThrows(
                IllegalArgumentException.class,
                () -> Envs.create("tabletop", Suite.GOAL.task(4), EnvOptions.DEFAULT.withVariant(id)));
        assertTrue(other.getMessage().contains("perturbs task libero_goal/3, not libero_goal/4"), other.getMessage());
        Map<String, String> bad = Map.of(
                "libero_goal/3/light", "is not <suite>/<task>/<dimension>/L<level>/<k>",
                "libero_goal/x/light/L3/0", "must be numbers",
                "libero_goal/3/smell/L3/0", "unknown dimension 'smell'",
                "libero_goal/3/language/L6/0", "level must be L1..L5",
                "libero_goal/3/light/L0/0", "level must be L1..L5",
                "libero_goal/3/light/L3/5", "k = 0 only",
                "libero_goal/12/light/L3/0", "task must be 0..9",
                "libero_gaol/3/light/L3/0", "unknown suite 'libero_gaol'");
        bad.forEach((id2, says) -> {
            var e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Envs.create("tabletop", task, EnvOptions.DEFAULT.withVariant(id2)),
                    id2);
            assertTrue(e.getMessage().contains(says), id2 + ": " + e.getMessage());
        });
    }
}
