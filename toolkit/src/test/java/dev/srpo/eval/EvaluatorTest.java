package dev.srpo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.srpo.env.Observation;
import dev.srpo.env.StepwiseEnv;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.policy.ActionTokenizer;
import dev.srpo.policy.InstructionTokenizer;
import dev.srpo.policy.VlaPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    /** A world where the gripper must be closed for 3 steps in a row (initial state i needs 3 + i). */
    static final class GripEnv extends StepwiseEnv {
        int closed;
        int need;

        GripEnv(Task task) {
            super(task);
        }

        @Override
        protected void restore(int initialState) {
            closed = 0;
            need = 3 + initialState;
        }

        @Override
        protected void advance(float[] action) {
            closed = action[6] > 0 ? closed + 1 : 0;
        }

        @Override
        protected Observation observe() {
            byte[] rgb = new byte[4 * 4 * 3];
            rgb[0] = (byte) closed;
            return new Observation(rgb, 4, 4, null, new float[8], task().language());
        }

        @Override
        protected boolean isSuccess() {
            return closed >= need;
        }
    }

    /** A policy whose logits always favour one gripper token (close or open), chunk of 4. */
    static final class FixedPolicy implements VlaPolicy {
        final Model model = Model.newInstance("fixed", "PyTorch");
        final int gripperToken;

        FixedPolicy(boolean close) {
            gripperToken = close ? 255 : 0;
        }

        @Override
        public int chunk() {
            return 4;
        }

        @Override
        public ActionTokenizer actionTokenizer() {
            return ActionTokenizer.unitRange();
        }

        @Override
        public InstructionTokenizer instructionTokenizer() {
            return InstructionTokenizer.libero(List.of());
        }

        @Override
        public NDArray logits(NDManager manager, List<Observation> batch, boolean training) {
            float[] l = new float[batch.size() * 28 * 256];
            for (int b = 0; b < batch.size(); b++) {
                for (int k = 0; k < 4; k++) {
                    l[((b * 28) + k * 7 + 6) * 256 + gripperToken] = 5f;
                }
            }
            return manager.create(l, new Shape(batch.size(), 28, 256));
        }

        @Override
        public Model model() {
            return model;
        }

        @Override
        public void save(Path file) {}

        @Override
        public VlaPolicy copy() {
            return this;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    @Test
    void successPerTaskAndSuiteThroughVectorEnv(@TempDir Path dir) throws Exception {
        List<Task> tasks = List.of(Suite.GOAL.task(0), Suite.GOAL.task(1), Suite.SPATIAL.task(2));
        try (FixedPolicy close = new FixedPolicy(true)) {
            EvalResult r = new Evaluator(GripEnv::new)
                    .initialStates(0, 2)
                    .threads(2)
                    .videosPerTask(1)
                    .evaluate(close, tasks);
            assertEquals(6, r.episodes().size());
            assertEquals(1.0, r.successRate());
            EpisodeResult first = r.episodes().get(0);
            assertEquals(3, first.steps()); // stops mid-chunk on success
            assertEquals(4, first.video().length()); // first frame + one per step
            assertEquals(5, r.episodes().get(1).steps());
            assertNull(r.episodes().get(1).video());
            assertEquals(3, r.taskTable().rowCount());
            assertEquals(2, r.suiteTable().rowCount());
            assertEquals(1.0, r.perSuite().get(Suite.SPATIAL));
            Path json = r.writeJson(dir.resolve("eval.json"));
            assertTrue(Files.readString(json).contains("\"libero_goal/1\""));
            List<Path> gifs = r.writeVideos(dir.resolve("videos"), 100);
            assertEquals(3, gifs.size()); // one recorded episode per task
            assertTrue(
                    gifs.get(0).getFileName().toString().equals("libero_goal-0-state0-success.gif"), gifs.toString());
        }
        try (FixedPolicy open = new FixedPolicy(false)) {
            EvalResult r = new Evaluator(GripEnv::new).firstStates(2).evaluate(open, List.of(Suite.GOAL.task(0)));
            assertEquals(0.0, r.successRate());
            assertEquals(Suite.GOAL.maxSteps(), r.episodes().get(0).steps());
            assertEquals(0.0, r.taskTable().doubleColumn("success %").get(0));
        }
    }
}
