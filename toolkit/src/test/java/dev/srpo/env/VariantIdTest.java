package dev.srpo.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariantIdTest {

    @Test
    void parsesEveryPartOfAnId() {
        VariantId v = VariantId.parse(" libero_goal/1/robot_init/L3/2 ");
        assertEquals("libero_goal/1/robot_init/L3/2", v.id());
        assertEquals(Suite.GOAL, v.suite());
        assertEquals(1, v.taskIndex());
        assertEquals(Suite.GOAL.task(1), v.task());
        assertEquals("robot_init", v.dimension());
        assertEquals(3, v.level());
        assertEquals(2, v.k());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "libero_goal/1/camera/3/0 | is not <suite>/<task>/<dimension>/L<level>/<k>",
                "libero_goal/1/camera/L3 | is not <suite>/<task>/<dimension>/L<level>/<k>",
                "libero_goal/one/camera/L3/0 | must be numbers",
                "libero_goal/1/camera/Lx/0 | must be numbers",
                "libero_gaol/1/camera/L3/0 | libero_gaol",
                "libero_goal/10/camera/L3/0 | task must be 0..9",
                "libero_goal/-1/camera/L3/0 | task must be 0..9",
            })
    void aBadIdIsNamedWithWhatIsWrong(String id, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> VariantId.parse(id));
        assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
