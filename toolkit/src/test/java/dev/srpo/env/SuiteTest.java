package dev.srpo.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuiteTest {

    @Test
    void fourSuitesOfTenTasksWithLiberosBudgets() {
        Set<String> instructions = new HashSet<>();
        for (Suite s : Suite.values()) {
            assertEquals(10, s.tasks().size(), s.id());
            for (int i = 0; i < 10; i++) {
                Task t = s.task(i);
                assertEquals(i, t.index());
                assertEquals(s, t.suite());
                instructions.add(t.language());
            }
        }
        assertEquals(40, instructions.size(), "40 distinct instructions");
        assertEquals(220, Suite.SPATIAL.maxSteps());
        assertEquals(280, Suite.OBJECT.maxSteps());
        assertEquals(300, Suite.GOAL.maxSteps());
        assertEquals(520, Suite.LONG.maxSteps());
        assertEquals(10, Env.WARMUP_STEPS);
    }

    @Test
    void instructionsAreLiberosTaskNames() {
        assertEquals(
                "pick up the black bowl between the plate and the ramekin and place it on the plate",
                Suite.SPATIAL.task(0).language());
        assertEquals(
                "pick up the orange juice and place it in the basket",
                Suite.OBJECT.task(9).language());
        assertEquals("put the bowl on the stove", Suite.GOAL.task(1).language());
        assertEquals(
                "put the yellow and white mug in the microwave and close it",
                Suite.LONG.task(9).language());
        assertEquals("libero_10/9", Suite.LONG.task(9).id());
    }

    @Test
    void suitesByIdOrName() {
        assertEquals(Suite.LONG, Suite.of("libero_10"));
        assertEquals(Suite.GOAL, Suite.of(" Goal "));
        var e = assertThrows(IllegalArgumentException.class, () -> Suite.of("libero_90"));
        assertTrue(e.getMessage().contains("unknown suite 'libero_90'"), e.getMessage());
    }

    @Test
    void outOfRangeIndicesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Suite.GOAL.task(10));
        assertTrue(e.getMessage().contains("task index 10 is out of range for libero_goal"), e.getMessage());
        var s = assertThrows(
                IllegalArgumentException.class, () -> Suite.GOAL.task(0).checkInitialState(50));
        assertTrue(
                s.getMessage().contains("initial state 50 is out of range for task libero_goal/0: use 0..49"),
                s.getMessage());
    }
}
