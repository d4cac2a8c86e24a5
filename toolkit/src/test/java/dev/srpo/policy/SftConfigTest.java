package dev.srpo.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SftConfigTest {

    @Test
    void oneDemonstrationPerTaskIsOneShotWhateverTheSize() {
        assertEquals(SftConfig.ONE_SHOT, SftConfig.forDataset(1, 1_114));
        assertEquals(SftConfig.ONE_SHOT, SftConfig.forDataset(1, 10_000_000));
    }

    @Test
    void fullKeepsItsStepsWhenTheyMakeEnoughPasses() {
        // LIBERO-Object with 50 demonstrations per task: 12,000 steps of 32 are 6.9 passes
        assertEquals(SftConfig.FULL, SftConfig.forDataset(50, 55_522));
        assertEquals(SftConfig.FULL, SftConfig.forDataset(2, 300));
    }

    @Test
    void fullTrainsLongerOnABigSet() {
        // LIBERO-Long with 50 demonstrations per task: 6 passes over 101,151 samples, rounded up
        SftConfig c = SftConfig.forDataset(50, 101_151);
        assertEquals(18_966, c.steps());
        assertEquals(SftConfig.FULL.withSteps(18_966), c);
        assertEquals(
                SftConfig.FULL_EPOCHS * 101_151L,
                (long) c.steps() * c.batchSize(),
                c.batchSize(),
                "at least FULL_EPOCHS passes, less than one batch more");
    }

    @Test
    void badCountsAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> SftConfig.forDataset(0, 100));
        assertThrows(IllegalArgumentException.class, () -> SftConfig.forDataset(50, 0));
    }
}
