package dev.srpo.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.SrpoToolkit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from, for every file a run writes: the command that made it with its resolved options, the
 * seed, the commit of the working tree and when. The {@code srpo} command records its command line and options
 * here once ({@link #command}); results then take {@link #of(long)}.
 */
public final class Provenance {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String command = "";
    private static volatile Map<String, Object> options = Map.of();

    private Provenance() {}

    /** Records the command line of this process and its resolved options (defaults included). */
    public static void command(String commandLine, Map<String, Object> resolvedOptions) {
        command = commandLine;
        options = Collections.unmodifiableMap(new LinkedHashMap<>(resolvedOptions));
    }

    /** The recorded command line ("" when the toolkit is used from code, e.g. a notebook). */
    public static String command() {
        return command;
    }

    /**
     * The provenance of a result made now: {@code command}, {@code options}, {@code seed}, {@code commit},
     * {@code toolkit}, {@code created}.
     */
    public static ObjectNode of(long seed) {
        ObjectNode p = of();
        p.put("seed", seed);
        return p;
    }

    /** The provenance of a result that depends on no seed (a greedy evaluation, a timing). */
    public static ObjectNode of() {
        ObjectNode p = JSON.createObjectNode();
        p.put("command", command);
        p.set("options", JSON.valueToTree(options));
        p.put("commit", commit());
        p.put("toolkit", SrpoToolkit.version());
        p.put("created", Instant.now().toString());
        return p;
    }

    /** One line for a Markdown table or a console report: command, commit and date. */
    public static String line(ObjectNode p) {
        return "Made by `"
                + (p.path("command").asText().isEmpty()
                        ? "(code)"
                        : p.path("command").asText())
                + "`" + (p.has("seed") ? " (seed " + p.path("seed").asLong() + ")" : "") + " at commit "
                + p.path("commit").asText() + ", "
                + p.path("created").asText() + ".";
    }

    /**
     * The commit checked out in the current folder, with {@code -dirty} if tracked files differ from it; {@code
     * unknown} outside a git checkout or without git.
     */
    public static String commit() {
        String head = git("rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
    }

    private static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
