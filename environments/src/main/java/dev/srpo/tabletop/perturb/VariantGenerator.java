package dev.srpo.tabletop.perturb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.env.VariantId;
import dev.srpo.io.AtomicFiles;
import dev.srpo.tabletop.render.Backdrop;
import dev.srpo.tabletop.render.Lighting;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds a LIBERO-Plus-style list of variants for a suite, deterministically from a seed: for each of the suite's
 * 10 tasks, each of the 7 {@link Dimension}s and each level 1–5, {@code perLevel} variants (default 1, so 350 per
 * suite and 1,400 for all four). A variant depends only on the seed and its own coordinates (suite, task,
 * dimension, level, k), so changing {@code perLevel} keeps the earlier variants.
 *
 * <p>Parameters grow with the level: each magnitude is drawn from the level's fifth of the dimension's range
 * (level L: between (L−1)/5 and L/5 of the maximum), with a random sign. Maxima at level 5:
 *
 * <ul>
 *   <li>camera: azimuth ±30°, elevation ±20°, distance scale 0.8–1.3, look yaw, pitch and roll ±10°;
 *   <li>robot init: ±8 cm in the table plane, ±3 cm in height, gripper yaw ±30°;
 *   <li>language: a paraphrase from the level's fifth of the task's paraphrases sorted by length (longer ones
 *       carry more context);
 *   <li>light: direction ±120° azimuth and ±45° elevation off the default, a colour tint up to 60%, intensity
 *       0.4–1.6, ambient 0.1–0.6, shadows switched off with probability (L−1)/5;
 *   <li>background: table, wall and floor colours blended toward random colours (15% at level 1, up to 100% at
 *       level 5); the table's texture changes from level 2 on, the wall's from level 3 on;
 *   <li>noise: the five kinds in turn across tasks and levels, severity 2L−1 or 2L;
 *   <li>layout: L distractors, the target displaced by up to 6 cm.
 * </ul>
 */
public final class VariantGenerator {

    private static final int LEVELS = Variant.MAX_LEVEL;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final int perLevel;

    /** A generator with one variant per (task, dimension, level). */
    public VariantGenerator(long seed) {
        this(seed, 1);
    }

    /**
     * A generator with {@code perLevel} variants per (task, dimension, level).
     *
     * @throws IllegalArgumentException if {@code perLevel} is less than 1
     */
    public VariantGenerator(long seed, int perLevel) {
        if (perLevel < 1) {
            throw new IllegalArgumentException("variants per level must be at least 1, not " + perLevel);
        }
        this.seed = seed;
        this.perLevel = perLevel;
    }

    /** The suite's variants, ordered by task, dimension, level and k. */
    public List<Variant> generate(Suite suite) {
        List<Variant> out = new ArrayList<>(suite.tasks().size() * Dimension.values().length * LEVELS * perLevel);
        for (Task task : suite.tasks()) {
            for (Dimension d : Dimension.values()) {
                for (int level = 1; level <= LEVELS; level++) {
                    for (int k = 0; k < perLevel; k++) {
                        out.add(variant(suite, task.index(), d, level, k));
                    }
                }
            }
        }
        return out;
    }

    /** The variants of all four suites, in {@link Suite}'s order. */
    public List<Variant> generateAll() {
        List<Variant> out = new ArrayList<>();
        for (Suite s : Suite.values()) {
            out.addAll(generate(s));
        }
        return out;
    }

    /** The {@code k}-th variant of one task, dimension and level. */
    public Variant variant(Suite suite, int taskIndex, Dimension d, int level, int k) {
        Task task = suite.task(taskIndex);
        SplittableRandom rng = new SplittableRandom(hash(seed, suite.ordinal(), taskIndex, d.ordinal(), level, k));
        Object parameter = switch (d) {
            case CAMERA -> camera(rng, level);
            case ROBOT_INIT -> robot(rng, level);
            case LANGUAGE -> language(rng, level, task);
            case LIGHT -> light(rng, level);
            case BACKGROUND -> background(rng, level);
            case NOISE -> noise(rng, level, taskIndex, k);
            case LAYOUT -> layout(rng, level);
        };
        return new Variant(
                Variant.id(suite, taskIndex, d, level, k), suite, taskIndex, d, level, Perturbation.of(d, parameter));
    }

    private static CameraShift camera(SplittableRandom rng, int level) {
        double az = signed(rng, level) * 30;
        double el = signed(rng, level) * 20;
        // Moving closer is more damaging per unit than moving away, hence the asymmetric range.
        double m = magnitude(rng, level);
        double dist = rng.nextBoolean() ? 1 - 0.2 * m : 1 + 0.3 * m;
        return new CameraShift(az, el, dist, signed(rng, level) * 10, signed(rng, level) * 10, signed(rng, level) * 10);
    }

    private static RobotInit robot(SplittableRandom rng, int level) {
        double angle = rng.nextDouble() * 2 * Math.PI;
        double r = magnitude(rng, level) * 0.08;
        return new RobotInit(
                r * Math.cos(angle), r * Math.sin(angle), signed(rng, level) * 0.03, signed(rng, level) * 30);
    }

    private static String language(SplittableRandom rng, int level, Task task) {
        List<String> sorted = Paraphrases.byLength(task);
        int n = sorted.size();
        int from = (level - 1) * n / LEVELS, to = Math.max(from + 1, level * n / LEVELS);
        return sorted.get(from + rng.nextInt(to - from));
    }

    private static Lighting light(SplittableRandom rng, int level) {
        Lighting base = Lighting.DEFAULT;
        double az = wrapDegrees(base.azimuthDeg() + signed(rng, level) * 120);
        double el = Math.max(12, Math.min(88, base.elevationDeg() + signed(rng, level) * 45));
        int tint = blend(0xFFFFFF, hue(rng.nextDouble()), 0.6 * magnitude(rng, level));
        double intensity = 1 + signed(rng, level) * 0.6;
        double ambient = base.ambient() + signed(rng, level) * 0.25;
        boolean shadows = rng.nextDouble() >= (level - 1) / (double) LEVELS;
        return new Lighting(az, el, tint, intensity, ambient, shadows);
    }

    private static Backdrop background(SplittableRandom rng, int level) {
        Backdrop base = Backdrop.DEFAULT;
        Backdrop.Texture[] textures = Backdrop.Texture.values();
        int table = blend(base.tableRgb(), randomColour(rng), 0.15 + 0.85 * magnitude(rng, level));
        int wall = blend(base.wallRgb(), randomColour(rng), 0.15 + 0.85 * magnitude(rng, level));
        int floor = blend(base.floorRgb(), randomColour(rng), 0.5 * magnitude(rng, level));
        Backdrop.Texture tableTexture = level >= 2 ? textures[rng.nextInt(textures.length)] : base.tableTexture();
        Backdrop.Texture wallTexture = level >= 3 ? textures[rng.nextInt(textures.length)] : base.wallTexture();
        return new Backdrop(table, tableTexture, wall, wallTexture, floor);
    }

    private SensorNoise noise(SplittableRandom rng, int level, int taskIndex, int k) {
        // Cycling the kinds (from a seeded start) covers all five evenly within every suite and level.
        int offset = (int) Math.floorMod(hash(seed, 0x4E015E), 5L);
        SensorNoise.Kind kind = SensorNoise.Kind.values()[(offset + taskIndex + level + k) % 5];
        return new SensorNoise(kind, 2 * level - rng.nextInt(2));
    }

    private static LayoutChange layout(SplittableRandom rng, int level) {
        double angle = rng.nextDouble() * 2 * Math.PI;
        double r = magnitude(rng, level) * 0.06;
        return new LayoutChange(level, r * Math.cos(angle), r * Math.sin(angle), rng.nextLong());
    }

    /** A magnitude in the level's fifth of [0, 1]. */
    private static double magnitude(SplittableRandom rng, int level) {
        return (level - 1 + rng.nextDouble()) / LEVELS;
    }

    /** A magnitude in the level's fifth of [0, 1], with a random sign. */
    private static double signed(SplittableRandom rng, int level) {
        double m = magnitude(rng, level);
        return rng.nextBoolean() ? m : -m;
    }

    private static double wrapDegrees(double deg) {
        double d = ((deg + 180) % 360 + 360) % 360 - 180;
        return d == -180 ? 180 : d;
    }

    /** A saturated colour of the given hue (0–1): red, yellow, green, cyan, blue, magenta and between. */
    private static int hue(double h) {
        double x = 6 * (h - Math.floor(h));
        int rgb = 0;
        for (int shift = 16, offset = 0; shift >= 0; shift -= 8, offset += 4) {
            // Each channel is a trapezoid over the hue circle, shifted by a third for green and blue.
            double d = Math.abs(((x + offset) % 6) - 3);
            double v = Math.max(0, Math.min(1, d - 1));
            rgb |= (int) Math.round(255 * v) << shift;
        }
        return rgb;
    }

    private static int randomColour(SplittableRandom rng) {
        return rng.nextInt(0x1000000);
    }

    /** Linear blend of two 0xRRGGBB colours, {@code t} = 0 gives {@code a}. */
    static int blend(int a, int b, double t) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int ca = (a >> shift) & 0xFF, cb = (b >> shift) & 0xFF;
            rgb |= (int) Math.round(ca + t * (cb - ca)) << shift;
        }
        return rgb;
    }

    /** Mixes the seed with a variant's coordinates (SplitMix64 finaliser per step). */
    private static long hash(long seed, long... parts) {
        long h = seed;
        for (long p : parts) {
            h += 0x9E3779B97F4A7C15L + p;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }

    // ---- JSON ----

    /**
     * The variants as a JSON array of {@code {id, suite, task, dimension, level, parameters}}, where {@code
     * parameters} is a flat object of the perturbation's values keyed {@code <dimension>.<field>} (e.g. {@code
     * camera.azimuthDeg}, {@code language.instruction}); colours are {@code "#RRGGBB"} strings, enums their names.
     */
    public static String toJson(List<Variant> variants) {
        ArrayNode array = JSON.createArrayNode();
        for (Variant v : variants) {
            ObjectNode o = array.addObject();
            o.put("id", v.id());
            o.put("suite", v.suite().id());
            o.put("task", v.taskIndex());
            o.put("dimension", Variant.key(v.dimension()));
            o.put("level", v.level());
            o.set("parameters", JSON.valueToTree(parameters(v.perturbation())));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise variants", e);
        }
    }

    /**
     * Reads variants written by {@link #toJson}.
     *
     * @throws IllegalArgumentException if the text is not such a list
     */
    public static List<Variant> fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("variants JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("variants JSON must be an array");
        }
        List<Variant> out = new ArrayList<>();
        for (JsonNode o : root) {
            Perturbation p = perturbation(o.path("parameters"));
            out.add(new Variant(
                    o.path("id").asText(),
                    Suite.of(o.path("suite").asText()),
                    o.path("task").asInt(),
                    Variant.dimension(o.path("dimension").asText()),
                    o.path("level").asInt(),
                    p));
        }
        return out;
    }

    /** The seed of the variant lists shipped under {@code datasets/libero-plus-variants/}. */
    public static final long SHIPPED_SEED = 2025;

    /**
     * A shipped variant by its id ({@code <suite>/<task>/<dimension>/L<level>/<k>}, e.g. {@code
     * libero_goal/1/camera/L3/0}), made afresh from {@link #SHIPPED_SEED}: the same as its entry in {@code
     * datasets/libero-plus-variants/}, without reading the file.
     *
     * @throws IllegalArgumentException naming the id and the part that is wrong
     */
    public static Variant shipped(String id) {
        VariantId v = VariantId.parse(id);
        if (v.level() < Variant.MIN_LEVEL || v.level() > Variant.MAX_LEVEL) {
            throw new IllegalArgumentException(
                    "variant id '" + id + "': level must be L" + Variant.MIN_LEVEL + "..L" + Variant.MAX_LEVEL);
        }
        if (v.k() != 0) { // the shipped lists hold one variant per task, dimension and level
            throw new IllegalArgumentException("variant id '" + id + "': the shipped variants have k = 0 only");
        }
        Dimension dimension;
        try {
            dimension = Variant.dimension(v.dimension());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("variant id '" + id + "': " + e.getMessage(), e);
        }
        return new VariantGenerator(SHIPPED_SEED).variant(v.suite(), v.taskIndex(), dimension, v.level(), 0);
    }

    /**
     * Writes one variant list per suite, {@code <dir>/<suite id>.json}, from {@code seed} ({@value #SHIPPED_SEED}
     * for the shipped lists): {@code bin/srpo variants --out datasets/libero-plus-variants [--seed N]}.
     *
     * @return the files written
     */
    public static List<Path> writeAll(Path dir, long seed) {
        VariantGenerator generator = new VariantGenerator(seed);
        List<Path> files = new java.util.ArrayList<>();
        for (Suite suite : Suite.values()) {
            files.add(write(dir.resolve(suite.id() + ".json"), generator.generate(suite)));
        }
        return files;
    }

    /** Writes {@link #toJson} to {@code file} atomically (UTF-8); returns the file. */
    public static Path write(Path file, List<Variant> variants) {
        return AtomicFiles.write(file, toJson(variants).getBytes(StandardCharsets.UTF_8));
    }

    /** The perturbation's set values as a flat map, keyed {@code <dimension>.<field>}. */
    public static Map<String, Object> parameters(Perturbation p) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Dimension d : p.dimensions()) {
            Object value = p.get(d);
            String prefix = Variant.key(d) + ".";
            if (value instanceof String s) {
                out.put(prefix + "instruction", s);
                continue;
            }
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object v = read(c, value);
                if (isColour(c)) {
                    v = String.format("#%06X", (Integer) v);
                } else if (v instanceof Enum<?> e) {
                    v = e.name();
                }
                out.put(prefix + c.getName(), v);
            }
        }
        return out;
    }

    private static Perturbation perturbation(JsonNode params) {
        Perturbation p = Perturbation.NONE;
        for (Dimension d : Dimension.values()) {
            String prefix = Variant.key(d) + ".";
            boolean present = false;
            for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
                present |= it.next().startsWith(prefix);
            }
            if (!present) {
                continue;
            }
            Class<?> type = Perturbation.type(d);
            if (type == String.class) {
                p = p.with(d, params.path(prefix + "instruction").asText());
                continue;
            }
            RecordComponent[] comps = type.getRecordComponents();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                JsonNode n = params.path(prefix + comps[i].getName());
                if (n.isMissingNode()) {
                    throw new IllegalArgumentException("variant parameters lack " + prefix + comps[i].getName());
                }
                args[i] = value(comps[i], n);
            }
            try {
                Constructor<?> ctor = type.getDeclaredConstructor(types);
                p = p.with(d, ctor.newInstance(args));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot build " + type.getSimpleName() + " from " + params, e);
            }
        }
        return p;
    }

    private static Object value(RecordComponent c, JsonNode n) {
        Class<?> t = c.getType();
        if (isColour(c)) {
            return Integer.parseInt(n.asText().replace("#", ""), 16);
        } else if (t == double.class) {
            return n.asDouble();
        } else if (t == int.class) {
            return n.asInt();
        } else if (t == long.class) {
            return n.asLong();
        } else if (t == boolean.class) {
            return n.asBoolean();
        } else if (t.isEnum()) {
            return enumValue(t, n.asText());
        }
        return n.asText();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> t, String name) {
        return Enum.valueOf((Class) t, name);
    }

    /** Colour fields are the 0xRRGGBB ints, named {@code rgb} or {@code ...Rgb}. */
    private static boolean isColour(RecordComponent c) {
        return c.getType() == int.class
                && (c.getName().equals("rgb") || c.getName().endsWith("Rgb"));
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
