package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Envs;
import dev.srpo.env.Suite;
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
}
