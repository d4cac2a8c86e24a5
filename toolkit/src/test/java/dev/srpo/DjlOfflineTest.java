package dev.srpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DJL phones home at engine start unless told not to; the toolkit must always tell it. */
class DjlOfflineTest {

    @Test
    void toolkitStartsTheEngineWithoutAnyConnection() throws Exception {
        List<String> lines = probe("toolkit");
        assertTrue(lines.contains("ENGINE PyTorch 2.7.1"), lines.toString());
        assertEquals(
                List.of(), lines.stream().filter(l -> l.startsWith("CONNECT")).toList());
    }

    @Test
    void theProbeSeesDjlCallingHomeWhenNothingStopsIt() throws Exception {
        List<String> lines = probe("raw");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CONNECT http://169.254.169.254/")), lines.toString());
    }

    /** Runs {@link NetworkProbe} in a fresh JVM with none of DJL's opt-outs set, and returns what it printed. */
    private static List<String> probe(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                NetworkProbe.class.getName(),
                mode);
        pb.environment().remove("OPT_OUT_TRACKING");
        pb.environment().remove("DJL_OFFLINE");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
