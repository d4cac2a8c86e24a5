package dev.srpo.cli;

import dev.srpo.policy.ShippedCheckpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --levels} option of the commands that draw training curves: where the dashed reference levels come from. */
final class LevelsOption {

    @Option(
            names = "--levels",
            paramLabel = "DIR",
            description = "shipped checkpoints whose card gives the curves' dashed one-shot and full-SFT levels"
                    + " (default: ${DEFAULT-VALUE}; none if it has no card)")
    Path dir = ShippedCheckpoints.DEFAULT_DIR;

    /**
     * The levels per suite from the card in {@link #dir}: none when the default folder has no card (a run outside
     * the repository's root), a named error when a folder given on the command line has none.
     */
    Map<String, Map<String, Double>> levels() {
        Map<String, Map<String, Double>> levels = new LinkedHashMap<>();
        if (!Files.isRegularFile(dir.resolve(ShippedCheckpoints.CARD))) {
            if (dir.equals(ShippedCheckpoints.DEFAULT_DIR)) {
                return levels;
            }
            throw new IllegalArgumentException("--levels " + dir + " has no " + ShippedCheckpoints.CARD);
        }
        ShippedCheckpoints.read(dir).entries().forEach((suite, e) -> {
            Map<String, Double> l = new LinkedHashMap<>();
            l.put("one-shot SFT", e.success());
            if (!Double.isNaN(e.fullSftSuccess())) {
                l.put("full SFT", e.fullSftSuccess());
            }
            levels.put(suite, l);
        });
        return levels;
    }
}
