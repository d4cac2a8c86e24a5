package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Engines;
import dev.srpo.policy.SmallVla;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @Test
    void keepsTheLatestRemovesStaleLaterOnesAndRefusesADamagedOne(@TempDir Path dir) throws Exception {
        Engines.stayOffline();
        try (SmallVla p = TinyPolicies.create(1)) {
            List<Pair<String, Parameter>> params = new ArrayList<>();
            p.model().getBlock().getParameters().forEach(params::add);
            try (Adam adam = new Adam(params, 1e-3, 0.9, 0.999, 1e-8, 0)) {
                Checkpoints c = new Checkpoints(dir, 1);
                assertNull(c.latest());
                assertThrows(IllegalArgumentException.class, () -> c.restore(p, adam));
                List<ObjectNode> rows =
                        List.of(new ObjectMapper().createObjectNode().put(Metrics.STEP, 1));
                c.save(2, p, adam, rows);
                // a longer run that died before naming its step-9 checkpoint latest left this behind
                Files.createDirectories(dir.resolve("step-000009"));
                // and one killed while writing its step-4 folder left a half-written temporary
                Files.createDirectories(dir.resolve(".step-000004.5e1f.tmp"));
                Files.write(dir.resolve(".step-000004.5e1f.tmp/policy.vla"), new byte[] {1});
                c.save(3, p, adam, rows);
                assertEquals(dir.resolve("step-000003"), c.latest());
                assertTrue(Files.exists(dir.resolve("step-000003/policy.vla")));
                assertFalse(Files.exists(dir.resolve("step-000009")), "a stale later checkpoint is removed");
                assertFalse(Files.exists(dir.resolve(".step-000004.5e1f.tmp")), "an orphaned temporary is removed");
                assertFalse(Files.exists(dir.resolve("step-000002")), "only the latest is kept");
                Checkpoints.Saved s = c.restore(p, adam);
                assertEquals(3, s.step());
                assertEquals(1, s.rows().size());
                Files.write(dir.resolve("step-000003/policy.vla"), new byte[] {1, 2, 3});
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restore(p, adam));
                assertTrue(e.getMessage().contains("step-000003"), e.getMessage());
            }
        }
    }
}
