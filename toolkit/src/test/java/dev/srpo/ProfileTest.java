package dev.srpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @AfterEach
    void clear() {
        System.clearProperty(Profile.PROPERTY);
    }

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(Profile.CI, Profile.parse("ci", "test"));
        assertEquals(Profile.FULL, Profile.parse(" Full ", "test"));
    }

    @Test
    void badNameIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("huge", "environment variable X"));
        assertTrue(e.getMessage().contains("'huge'"), e.getMessage());
        assertTrue(e.getMessage().contains("ci, full"), e.getMessage());
        assertTrue(e.getMessage().contains("environment variable X"), e.getMessage());
    }

    @Test
    void systemPropertySelectsTheProfile() {
        System.setProperty(Profile.PROPERTY, "ci");
        assertEquals(Profile.CI, Profile.current());
        assertEquals(Integer.valueOf(3), Profile.current().pick(3, 300));
        System.setProperty(Profile.PROPERTY, "full");
        assertEquals("big", Profile.current().pick("small", "big"));
    }
}
