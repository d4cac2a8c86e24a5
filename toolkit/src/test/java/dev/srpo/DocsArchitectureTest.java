package dev.srpo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/architecture.md} stays true: every class it names in backticks ({@code ClassName} or
 * {@code ClassName.method}) has a source file in one of the project's modules, and every method named is in it.
 */
class DocsArchitectureTest {

    /** A CamelCase class name, optionally {@code .method}, optionally an argument list. */
    private static final Pattern NAME =
            Pattern.compile("^([A-Z][a-z][A-Za-z0-9]*)(?:\\.([a-z][A-Za-z0-9]*))?(?:\\(.*\\))?$");

    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

    private static final Pattern FENCED = Pattern.compile("```.*?```", Pattern.DOTALL);

    /** In a diagram: only explicit {@code ClassName.method} references count. */
    private static final Pattern CALL = Pattern.compile("\\b[A-Z][a-z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*\\b");

    @Test
    void everyClassAndMethodTheArchitecturePageNamesExists() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in the toolkit module's folder
        Path page = root.resolve("docs/architecture.md");
        assertTrue(Files.exists(page), "no " + page);
        Map<String, Path> sources = new HashMap<>();
        for (String module : List.of("toolkit", "environments", "reward-studies")) {
            for (String tree : List.of("src/main/java", "src/test/java")) {
                Path dir = root.resolve(module).resolve(tree);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.toString().endsWith(".java"))
                                .forEach(f -> sources.putIfAbsent(
                                        f.getFileName().toString().replace(".java", ""), f));
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        String text = Files.readString(page, StandardCharsets.UTF_8);
        List<String> tokens = new ArrayList<>();
        Matcher fences = FENCED.matcher(text);
        while (fences.find()) {
            Matcher calls = CALL.matcher(fences.group());
            while (calls.find()) {
                tokens.add(calls.group());
            }
        }
        Matcher ticks = TICKED.matcher(FENCED.matcher(text).replaceAll(""));
        while (ticks.find()) {
            tokens.addAll(List.of(ticks.group(1).split("[\\s,]+")));
        }
        {
            for (String token : tokens) {
                Matcher m = NAME.matcher(token);
                if (!m.matches()) {
                    continue;
                }
                checked++;
                Path source = sources.get(m.group(1));
                if (source == null) {
                    missing.add(m.group(1) + " (no such class)");
                } else if (m.group(2) != null && !read(source).contains(" " + m.group(2) + "(")) {
                    missing.add(token + " (no method " + m.group(2) + " in " + m.group(1) + ")");
                }
            }
        }
        assertTrue(checked >= 60, "the page should name the pipeline's classes; found " + checked);
        assertTrue(missing.isEmpty(), "docs/architecture.md names what does not exist: " + missing);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
