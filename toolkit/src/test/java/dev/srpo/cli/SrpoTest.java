package dev.srpo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.SrpoToolkit;
import dev.srpo.data.DemoDataset;
import dev.srpo.data.Episode;
import dev.srpo.policy.SmallVla;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrpoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Srpo.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void infoShowsVersionAndEngine() {
        assertEquals(0, run("info"));
        String text = out.toString();
        assertTrue(text.contains("SRPO Lab toolkit " + SrpoToolkit.version()), text);
        assertTrue(text.contains("PyTorch 2.7.1"), text);
        assertTrue(text.contains("offline: true"), text);
        assertTrue(text.contains("Libtorch  ") && text.contains("GPUs visible: "), text);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("trian"));
        assertTrue(err.toString().contains("Unmatched argument at index 0: 'trian'"), err.toString());
        assertTrue(err.toString().contains("Did you mean: srpo train"), err.toString());
    }

    @Test
    void badSftOptionsAreNamedBeforeAnyWork(@TempDir Path dir) throws Exception {
        String data = dir.resolve("none").toString();
        String file = dir.resolve("p.vla").toString();
        assertEquals(2, run("sft", "--data", data, "--out", file, "--stpes", "3"));
        assertTrue(err.toString().contains("'--stpes'"), err.toString());
        assertTrue(err.toString().contains("Possible solutions: --steps"), "the valid options are named: " + err);
        assertEquals(2, run("sft", "--data", data, "--out", file, "--steps", "abc"));
        assertTrue(err.toString().contains("'abc' is not an int"), err.toString());
        assertEquals(2, run("sft", "--data", data, "--out", file, "--lr", "1e30"));
        assertTrue(err.toString().contains("--lr must be a number in (0, 1]"), err.toString());
        assertEquals(2, run("sft", "--data", data, "--out", file, "--shift", "2147483647"));
        assertTrue(err.toString().contains("--shift must be within 0..32"), err.toString());
        assertEquals(2, run("sft", "--data", data, "--out", file, "--batch", "100000"));
        assertTrue(err.toString().contains("--batch must be within 1..1024"), err.toString());
        java.nio.file.Files.createDirectories(dir.resolve("folder"));
        assertEquals(
                2, run("sft", "--data", data, "--out", dir.resolve("folder").toString()));
        assertTrue(err.toString().contains("is a folder: give a file name"), err.toString());
    }

    @Test
    void trainAndEvalRefuseBadInputBeforeAnyRollout(@TempDir Path dir) {
        String out = dir.resolve("run").toString();
        assertEquals(
                2,
                run(
                        "train",
                        "--out",
                        out,
                        "--set",
                        "env=line",
                        "--init",
                        dir.resolve("none.vla").toString()));
        assertTrue(err.toString().contains("no checkpoint at"), err.toString());
        assertEquals(2, run("train", "--out", out, "--set", "learningRat=0.1"));
        assertTrue(err.toString().contains("unknown key 'learningRat'"), err.toString());
        assertEquals(2, run("train", "--out", out, "--reward", "ppo"));
        assertTrue(err.toString().contains("key 'reward' = ppo is not valid: use one of srpo, grpo"), err.toString());
        assertEquals(2, run("train", "--out", out, "--set", "env=line"));
        assertTrue(err.toString().contains("no starting checkpoint"), err.toString());
        assertEquals(2, run("train", "--out", out));
        assertTrue(
                err.toString().contains("key 'env' = tabletop is not valid"), "no simulator on this classpath: " + err);
        assertEquals(2, run("train", "--out", out, "--encoder", "vjepa2:model.onnx"));
        assertTrue(
                err.toString().contains("key 'encoder' = vjepa2:model.onnx is not valid: use vjepa2:FILE.pt"),
                err.toString());
        assertEquals(2, run("train", "--out", out, "--encoder", "resnet"));
        assertTrue(err.toString().contains("or vjepa2:FILE.pt"), err.toString());
        assertEquals(
                2,
                run("train", "--out", out, "--fleet", dir.resolve("fleet.json").toString(), "--env", "line"));
        assertTrue(err.toString().contains("--fleet runs on the libero backend, not --env line"), err.toString());
        assertEquals(
                2,
                run("train", "--out", out, "--fleet", dir.resolve("fleet.json").toString(), "--set", "init=x.vla"));
        assertTrue(err.toString().contains("fleet file not found: "), err.toString());
        assertFalse(java.nio.file.Files.exists(dir.resolve("run")), "nothing written");
        assertEquals(2, run("eval", "--checkpoint", dir.resolve("none.vla").toString(), "--suite", "goal"));
        assertTrue(err.toString().contains("no checkpoint at"), err.toString());
        assertEquals(2, run("eval", "--checkpoint", "x.vla", "--suite", "kitchen"));
        assertTrue(err.toString().contains("unknown suite 'kitchen'"), err.toString());
    }

    @Test
    void sftTrainsOnADatasetAndWritesALoadableCheckpoint(@TempDir Path dir) {
        List<byte[]> frames = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            frames.add(new byte[16 * 16 * 3]);
            actions.add(new float[] {0.1f * t, 0, 0, 0, 0, 0, t < 3 ? -1 : 1});
        }
        try (DemoDataset.Writer w = DemoDataset.create(dir.resolve("demos"), null)) {
            w.add(new Episode(
                    "libero_goal/0", "open the middle drawer of the cabinet", 0, true, 16, 16, frames, actions));
        }
        Path file = dir.resolve("p.vla");
        assertEquals(
                0,
                run(
                        "sft",
                        "--data",
                        dir.resolve("demos").toString(),
                        "--out",
                        file.toString(),
                        "--steps",
                        "3",
                        "--batch",
                        "4"));
        assertTrue(out.toString().contains("trained 3 steps"), out.toString());
        try (SmallVla p = SmallVla.load(file)) {
            assertEquals(8, p.chunk());
        }
        String demos = dir.resolve("demos").toString();
        assertEquals(
                0,
                run(
                        "sft",
                        "--data",
                        demos,
                        "--out",
                        file.toString(),
                        "--steps",
                        "2",
                        "--batch",
                        "4",
                        "--pretrain",
                        demos + "," + demos,
                        "--pretrain-steps",
                        "2"));
        assertTrue(out.toString().contains("pretrained 2 steps on 2 sets"), out.toString());
        assertEquals(2, run("sft", "--data", dir.resolve("none").toString(), "--out", file.toString()));
        assertTrue(err.toString().contains("dataset.json is missing"), err.toString());
    }

    @Test
    void reportNamesAFolderThatIsNotARunAndWritesTheResults(@TempDir Path dir) throws Exception {
        assertEquals(2, run("report", "--out", dir.resolve("results").toString(), dir.toString()));
        assertTrue(err.toString().contains("is not a training run: it has no run.json"), err.toString());
        Path a = dev.srpo.rl.ComparisonTest.run(dir.resolve("a"), "srpo", new double[][] {{0, 0.3}, {2, 0.5}});
        Path b = dev.srpo.rl.ComparisonTest.run(dir.resolve("b"), "grpo", new double[][] {{0, 0.3}, {2, 0.4}});
        Path results = dir.resolve("results");
        assertEquals(0, run("report", "--out", results.toString(), a.toString(), b.toString()), err.toString());
        assertTrue(java.nio.file.Files.isRegularFile(results.resolve("summary.json")));
        assertTrue(java.nio.file.Files.isRegularFile(results.resolve("libero_object.png")));
        assertEquals(2, run("report", "--out", results.toString(), "--levels", dir.toString(), a.toString()));
        assertTrue(err.toString().contains("has no card.json"), err.toString());
        assertTrue(out.toString().contains("libero_object"), out.toString());

        Path c = dev.srpo.rl.ComparisonTest.run(dir.resolve("c"), "srpo", new double[][] {{0, 0.3}, {2, 0.7}});
        Path kl = dir.resolve("kl");
        String[] againstBad = {"report", "--out", kl.toString(), "--against", results.toString(), c.toString()};
        assertEquals(2, run(againstBad));
        assertTrue(err.toString().contains("is not NAME=DIR"), err.toString());
        assertFalse(java.nio.file.Files.exists(kl), "a bad --against writes nothing");
        assertEquals(2, run("report", "--out", kl.toString(), "--name", "KL", c.toString()));
        assertTrue(err.toString().contains("--against, which is missing"), err.toString());
        assertEquals(
                2, run("report", "--out", kl.toString(), "--name", "KL", "--against", "KL=" + results, c.toString()));
        assertTrue(err.toString().contains("both say 'KL'"), err.toString());
        assertFalse(java.nio.file.Files.exists(kl));
        assertEquals(
                0,
                run("report", "--out", kl.toString(), "--name", "KL", "--against", "no KL=" + results, c.toString()),
                err.toString());
        String csv = java.nio.file.Files.readString(kl.resolve("against.csv"));
        assertTrue(csv.startsWith("suite,method,start %,no KL steps,no KL final %"), csv);
        assertTrue(csv.contains("libero_object,srpo,30.0,3,50.0,40.0,3,70.0,50.0,10.0"), csv);
        assertTrue(java.nio.file.Files.isRegularFile(kl.resolve("libero_object-against.png")));
    }

    @Test
    void resultsSayWhichCommandOptionsAndCommitMadeThem(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("p.vla");
        try (SmallVla p = dev.srpo.rl.TinyPolicies.create(1)) {
            p.save(checkpoint);
        }
        Path json = dir.resolve("eval.json");
        assertEquals(
                0,
                run(
                        "eval",
                        "--checkpoint",
                        checkpoint.toString(),
                        "--suite",
                        "goal",
                        "--states",
                        "1",
                        "--env",
                        "line",
                        "--threads",
                        "1",
                        "--json",
                        json.toString()),
                err.toString());
        var provenance = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.toFile())
                .get("provenance");
        assertTrue(provenance.get("command").asText().startsWith("srpo eval --checkpoint"), provenance.toString());
        assertEquals(1, provenance.get("options").get("--states").asInt(), provenance.toString());
        assertEquals("line", provenance.get("options").get("--env").asText(), provenance.toString());
        assertFalse(provenance.get("commit").asText().isEmpty());
        assertEquals(SrpoToolkit.version(), provenance.get("toolkit").asText());
    }
}
