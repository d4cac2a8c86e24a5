package dev.srpo.tabletop.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srpo.env.Suite;
import dev.srpo.tabletop.render.Backdrop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantGeneratorTest {

    private static final List<Variant> GOAL = new VariantGenerator(7).generate(Suite.GOAL);

    @Test
    void threeHundredFiftyPerSuiteWithUniqueWellFormedIds() {
        for (Suite s : Suite.values()) {
            List<Variant> variants = new VariantGenerator(1).generate(s);
            assertEquals(350, variants.size(), s.id());
            Set<String> ids = new HashSet<>();
            for (Variant v : variants) {
                assertTrue(ids.add(v.id()), "duplicate id " + v.id());
                assertTrue(v.id().matches(s.id() + "/\\d/[a-z_]+/L[1-5]/0"), v.id());
            }
        }
        assertEquals("libero_goal/1/camera/L3/0", Variant.id(Suite.GOAL, 1, Dimension.CAMERA, 3, 0));
        assertEquals(1400, new VariantGenerator(1).generateAll().size());
    }

    @Test
    void deterministicForASeed() {
        assertEquals(GOAL, new VariantGenerator(7).generate(Suite.GOAL));
        assertNotEquals(GOAL, new VariantGenerator(8).generate(Suite.GOAL));
    }

    @Test
    void morePerLevelKeepsTheFirstVariants() {
        List<Variant> two = new VariantGenerator(7, 2).generate(Suite.GOAL);
        assertEquals(700, two.size());
        assertTrue(two.containsAll(GOAL));
        assertThrows(IllegalArgumentException.class, () -> new VariantGenerator(7, 0));
    }

    @Test
    void coversEveryTaskDimensionAndLevelAndPerturbsOnlyItsOwnDimension() {
        Set<String> cells = new HashSet<>();
        for (Variant v : GOAL) {
            cells.add(v.taskIndex() + "/" + v.dimension() + "/" + v.level());
            assertEquals(List.of(v.dimension()), v.perturbation().dimensions(), v.id());
        }
        assertEquals(10 * 7 * 5, cells.size());
    }

    @Test
    void languageVariantsUseTheTasksParaphrases() {
        for (Variant v : GOAL) {
            if (v.dimension() == Dimension.LANGUAGE) {
                assertTrue(Paraphrases.of(v.task()).contains(v.instruction()), v.id());
            } else {
                assertEquals(v.task().language(), v.instruction());
            }
        }
    }

    @Test
    void parametersGrowWithLevel() {
        List<Variant> all = new VariantGenerator(3, 3).generateAll();
        assertIncreasing(
                all, Dimension.CAMERA, v -> Math.abs(v.perturbation().camera().azimuthDeg()));
        assertIncreasing(
                all, Dimension.CAMERA, v -> Math.abs(v.perturbation().camera().elevationDeg()));
        assertIncreasing(
                all, Dimension.CAMERA, v -> Math.abs(v.perturbation().camera().distanceScale() - 1));
        assertIncreasing(
                all,
                Dimension.ROBOT_INIT,
                v -> Math.hypot(
                        v.perturbation().robot().dx(), v.perturbation().robot().dy()));
        assertIncreasing(
                all,
                Dimension.ROBOT_INIT,
                v -> Math.abs(v.perturbation().robot().dyawDeg()));
        assertIncreasing(
                all, Dimension.LANGUAGE, v -> v.perturbation().instruction().length());
        assertIncreasing(
                all, Dimension.LIGHT, v -> Math.abs(v.perturbation().light().intensity() - 1));
        assertIncreasing(
                all,
                Dimension.BACKGROUND,
                v -> colourDistance(v.perturbation().background().tableRgb(), Backdrop.DEFAULT.tableRgb()));
        assertIncreasing(all, Dimension.NOISE, v -> v.perturbation().noise().severity());
        assertIncreasing(all, Dimension.LAYOUT, v -> v.perturbation().layout().distractors());
        assertIncreasing(
                all,
                Dimension.LAYOUT,
                v -> Math.hypot(
                        v.perturbation().layout().targetDx(),
                        v.perturbation().layout().targetDy()));
        // Level-5 extremes stay within the documented ranges.
        for (Variant v : all) {
            if (v.dimension() == Dimension.CAMERA) {
                CameraShift c = v.perturbation().camera();
                assertTrue(Math.abs(c.azimuthDeg()) <= 30 && Math.abs(c.elevationDeg()) <= 20, v.id());
                assertTrue(c.distanceScale() >= 0.8 && c.distanceScale() <= 1.3, v.id());
                assertTrue(Math.abs(c.rollDeg()) <= 10, v.id());
            } else if (v.dimension() == Dimension.LIGHT) {
                double i = v.perturbation().light().intensity();
                assertTrue(i >= 0.4 && i <= 1.6, v.id());
            } else if (v.dimension() == Dimension.LAYOUT) {
                assertEquals(v.level(), v.perturbation().layout().distractors());
            }
        }
    }

    @Test
    void noiseCoversAllKindsWithinASuite() {
        Set<SensorNoise.Kind> kinds = new HashSet<>();
        for (Variant v : GOAL) {
            if (v.dimension() == Dimension.NOISE) {
                kinds.add(v.perturbation().noise().kind());
            }
        }
        assertEquals(Set.of(SensorNoise.Kind.values()), kinds);
    }

    @Test
    void jsonHasTheExpectedFieldsAndRoundTrips() throws Exception {
        String json = VariantGenerator.toJson(GOAL);
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(GOAL.size(), root.size());
        for (int i = 0; i < GOAL.size(); i++) {
            Variant v = GOAL.get(i);
            JsonNode o = root.get(i);
            assertEquals(v.id(), o.get("id").asText());
            assertEquals("libero_goal", o.get("suite").asText());
            assertEquals(v.taskIndex(), o.get("task").asInt());
            assertEquals(Variant.key(v.dimension()), o.get("dimension").asText());
            assertEquals(v.level(), o.get("level").asInt());
            JsonNode params = o.get("parameters");
            assertTrue(params.isObject() && params.size() > 0, v.id());
            params.fieldNames().forEachRemaining(k -> assertTrue(k.startsWith(Variant.key(v.dimension()) + "."), k));
            params.elements().forEachRemaining(n -> assertTrue(n.isValueNode(), "nested value in " + v.id()));
        }
        JsonNode camera = root.get(0).get("parameters");
        assertEquals(
                GOAL.get(0).perturbation().camera().azimuthDeg(),
                camera.get("camera.azimuthDeg").asDouble());
        assertEquals(GOAL, VariantGenerator.fromJson(json));
    }

    @Test
    void coloursAndEnumsAreReadableInJson() throws Exception {
        Variant bg = GOAL.stream()
                .filter(v -> v.dimension() == Dimension.BACKGROUND)
                .findFirst()
                .orElseThrow();
        JsonNode params = new ObjectMapper()
                .readTree(VariantGenerator.toJson(List.of(bg)))
                .get(0)
                .get("parameters");
        assertTrue(params.get("background.tableRgb").asText().matches("#[0-9A-F]{6}"));
        assertEquals(
                bg.perturbation().background().tableTexture().name(),
                params.get("background.tableTexture").asText());
    }

    @Test
    void writeIsReadableBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/variants.json");
        VariantGenerator.write(file, GOAL);
        assertEquals(GOAL, VariantGenerator.fromJson(Files.readString(file, StandardCharsets.UTF_8)));
    }

    @Test
    void malformedJsonIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> VariantGenerator.fromJson("{\"not\": \"a list\"}"));
        assertThrows(IllegalArgumentException.class, () -> VariantGenerator.fromJson("[{"));
    }

    /** Means per level must rise from each level to the next. */
    private static void assertIncreasing(List<Variant> all, Dimension d, ToDoubleFunction<Variant> metric) {
        double previous = -1;
        for (int level = 1; level <= 5; level++) {
            int l = level;
            double mean = all.stream()
                    .filter(v -> v.dimension() == d && v.level() == l)
                    .mapToDouble(metric)
                    .average()
                    .orElseThrow();
            assertTrue(mean > previous, d + " level " + level + ": mean " + mean + " <= " + previous);
            previous = mean;
        }
    }

    private static double colourDistance(int a, int b) {
        double sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int d = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
