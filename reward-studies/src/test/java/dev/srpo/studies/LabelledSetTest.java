package dev.srpo.studies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledSetTest {

    private static final Task TASK = Suite.SPATIAL.task(0);

    @Test
    void successesSucceedFailuresFailAndStagesFollow() {
        List<LabelledTrajectory> ts = new LabelledSet(new LabelledSet.Spec(2, 2, 32, 0, 0, 25, 3)).task(TASK);
        assertEquals(4, ts.size());
        for (int i = 0; i < 4; i++) {
            LabelledTrajectory t = ts.get(i);
            assertEquals(i < 2, t.success(), t.policy());
            assertEquals(32, t.video().width());
            assertEquals(t.video().length(), t.stages().length);
            assertEquals(0, t.stages()[0], "nothing is done at reset");
            int last = t.stages()[t.stages().length - 1];
            if (t.success()) {
                assertTrue(last > 0 && t.policy().startsWith("expert"), t.policy());
            } else {
                assertEquals(TASK.maxSteps() + 1, t.video().length(), "a failure runs out its budget");
            }
        }
        assertTrue(
                ts.get(3).policy().startsWith("interrupted expert"), ts.get(3).policy());
    }

    @Test
    void sameSpecSameFrames() {
        LabelledSet.Spec spec = new LabelledSet.Spec(1, 1, 24, 1, 0, 25, 9);
        List<LabelledTrajectory> a = new LabelledSet(spec).task(TASK);
        List<LabelledTrajectory> b = new LabelledSet(spec).task(TASK);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).policy(), b.get(i).policy());
            assertEquals(a.get(i).variant(), b.get(i).variant());
            assertNotNull(a.get(i).variant(), "perturbed share 1: every trajectory is perturbed");
            assertArrayEquals(a.get(i).stages(), b.get(i).stages());
            int last = a.get(i).video().length() - 1;
            assertArrayEquals(
                    a.get(i).video().frames().get(last),
                    b.get(i).video().frames().get(last));
        }
        List<LabelledTrajectory> other = new LabelledSet(new LabelledSet.Spec(1, 1, 24, 1, 0, 25, 10)).task(TASK);
        assertFalse(
                a.get(1).video().length() == other.get(1).video().length()
                        && a.get(1).policy().equals(other.get(1).policy())
                        && a.get(1).variant().equals(other.get(1).variant()),
                "another seed, another set");
    }

    @Test
    void specsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LabelledSet.Spec(1, 1, 64, 0.2, 40, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new LabelledSet.Spec(1, 1, 8, 0.2, 0, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> new LabelledSet.Spec(-1, 1, 64, 0.2, 0, 20, 1));
    }
}
