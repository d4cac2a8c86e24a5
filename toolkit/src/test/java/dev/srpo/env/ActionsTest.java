package dev.srpo.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActionsTest {

    @Test
    void clipsToTheUnitBoxWithoutTouchingTheInput() {
        float[] action = {2f, -3f, 0.5f, 0f, 1f, -1f, 7f};
        assertArrayEquals(new float[] {1f, -1f, 0.5f, 0f, 1f, -1f, 1f}, Actions.checkAndClip(action));
        assertArrayEquals(new float[] {2f, -3f, 0.5f, 0f, 1f, -1f, 7f}, action);
    }

    @Test
    void noOpStandsStillWithTheGripperOpen() {
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, -1}, Actions.noOp());
    }

    @Test
    void badActionsAreNamed() {
        var len = assertThrows(IllegalArgumentException.class, () -> Actions.checkAndClip(new float[5]));
        assertTrue(len.getMessage().contains("action has 5 numbers, expected 7"), len.getMessage());
        var nan = assertThrows(
                IllegalArgumentException.class, () -> Actions.checkAndClip(new float[] {0, 0, 0, Float.NaN, 0, 0, 0}));
        assertTrue(nan.getMessage().startsWith("action[3] is NaN"), nan.getMessage());
        var inf = assertThrows(
                IllegalArgumentException.class,
                () -> Actions.checkAndClip(new float[] {0, 0, 0, 0, 0, 0, Float.POSITIVE_INFINITY}));
        assertTrue(inf.getMessage().startsWith("action[6] is Infinity"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Actions.checkAndClip(null));
    }
}
