package dev.srpo.studies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.cli.Srpo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one front door, seen from the top module: every command of the project is an {@code srpo} subcommand,
 * those of the modules above the toolkit included, with picocli's checks of options.
 */
class FrontDoorTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Srpo.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void everyCommandIsAnSrpoSubcommand() {
        assertEquals(0, run("--help"));
        for (String c : List.of(
                "info",
                "sft",
                "sft-baseline",
                "demos",
                "variants",
                "train",
                "offline",
                "eval",
                "report",
                "reward-benchmark",
                "encoders",
                "bench")) {
            assertTrue(out.toString().contains("  " + c + " "), c + " is missing from srpo --help:\n" + out);
        }
        assertEquals(0, run("bench", "--help"));
        for (String c : List.of("train", "env", "libero", "reward", "vjepa2")) {
            assertTrue(out.toString().contains("  " + c + " "), "bench " + c + " is missing:\n" + out);
        }
        assertEquals(0, run("bench", "env", "--help"));
        assertTrue(out.toString().startsWith("Usage: srpo bench env"), "help is only help:\n" + out);
    }

    @Test
    void badOptionsAreNamedBeforeAnyWork(@TempDir Path dir) {
        assertEquals(2, run("demos", "--suite", "goal"));
        assertTrue(err.toString().contains("Missing required option: '--out=DIR'"), err.toString());
        assertEquals(2, run("bench", "env", "--seconds", "0"));
        assertTrue(err.toString().contains("--seconds must be a number in"), err.toString());
        assertEquals(2, run("sft-baseline", "--suite", "goal", "--out", dir.toString(), "--states", "51"));
        assertTrue(err.toString().contains("--states must be within 1..50"), err.toString());
        assertEquals(2, run("encoders", "--only", "resnet"));
        assertTrue(err.toString().contains("--only must be world-model or image-ssl"), err.toString());
        assertEquals(2, run("reward-benchmark", "--profile", "huge"));
        assertTrue(err.toString().contains("--profile"), err.toString());
    }

    @Test
    void evalRunsOneVariantOnTheEmbeddedSimulator() {
        String checkpoint =
                Path.of("..", "datasets", "one-shot-sft", "libero_goal.vla").toString();
        assertEquals(
                0,
                run(
                        "eval",
                        "--checkpoint",
                        checkpoint,
                        "--suite",
                        "goal",
                        "--states",
                        "2",
                        "--threads",
                        "1",
                        "--variant",
                        "libero_goal/1/layout/L1/0"));
        assertTrue(out.toString().contains("put the bowl on the stove"), out.toString());
        assertTrue(
                out.toString().contains("variant libero_goal/1/layout/L1/0: ")
                        && out.toString().contains("% of 2 episodes"),
                out.toString());
        assertEquals(
                2,
                run("eval", "--checkpoint", checkpoint, "--suite", "object", "--variant", "libero_goal/1/layout/L1/0"));
        assertTrue(err.toString().contains("it is not a variant of --suite libero_object"), err.toString());
    }

    @Test
    void variantsRegeneratesTheShippedListsByteForByte(@TempDir Path dir) throws Exception {
        assertEquals(0, run("variants", "--out", dir.toString()));
        Path shipped = Path.of("..", "datasets", "libero-plus-variants");
        for (String suite : List.of("libero_spatial", "libero_object", "libero_goal", "libero_10")) {
            assertArrayEquals(
                    Files.readAllBytes(shipped.resolve(suite + ".json")),
                    Files.readAllBytes(dir.resolve(suite + ".json")),
                    suite);
        }
    }
}
