package dev.srpo.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads LIBERO's own demonstration files (robomimic's HDF5 layout) in pure Java (jHDF, no native HDF5):
 *
 * <pre>
 * data/                         attribute problem_info: JSON with "language_instruction"
 * data/demo_N/obs/agentview_rgb (T, H, W, 3) uint8, the third-person camera
 * data/demo_N/actions           (T, 7) float, LIBERO's 7-D actions
 * </pre>
 *
 * LIBERO renders its frames upside down (rotated by 180°); with {@code upright = true} (the usual choice) the
 * reader rotates them back, as the LIBERO bridge does for live observations. Demos are read in numeric order
 * (demo_2 before demo_10), one at a time. The instruction comes from {@code problem_info}, else from the file's
 * name ({@code put_the_bowl_on_the_plate_demo.hdf5} → "put the bowl on the plate").
 */
public final class LiberoHdf5 implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final HdfFile hdf;
    private final Group data;
    private final List<String> demos;
    private final String instruction;
    private final String task;
    private final boolean upright;

    private LiberoHdf5(Path file, String task, boolean upright) {
        this.file = file;
        this.task = task;
        this.upright = upright;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no HDF5 file at " + file);
        }
        try {
            this.hdf = new HdfFile(file);
        } catch (HdfException e) {
            throw new IllegalArgumentException(file + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
        Node node = hdf.getChildren().get("data");
        if (!(node instanceof Group g)) {
            hdf.close();
            throw new IllegalArgumentException(
                    file + " has no 'data' group: not a LIBERO/robomimic demonstration file");
        }
        this.data = g;
        this.demos = g.getChildren().keySet().stream()
                .filter(n -> n.matches("demo_\\d+"))
                .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(5))))
                .toList();
        this.instruction = instruction(file, g);
    }

    /**
     * Opens a LIBERO demonstration file.
     *
     * @param task the task id to record in each episode (e.g. {@code libero_goal/8}); null uses the file's name
     * @param upright rotate frames by 180° (LIBERO's renders are upside down)
     * @throws IllegalArgumentException if the file is missing, not HDF5, or has no {@code data} group
     */
    public static LiberoHdf5 open(Path file, String task, boolean upright) {
        return new LiberoHdf5(file, task, upright);
    }

    private static String instruction(Path file, Group data) {
        Attribute info = data.getAttributes().get("problem_info");
        if (info != null) {
            try {
                JsonNode j = JSON.readTree(String.valueOf(scalar(info.getData())));
                if (j.hasNonNull("language_instruction")) {
                    return j.get("language_instruction").asText();
                }
            } catch (IOException e) {
                // fall back to the file name below
            }
        }
        String name = file.getFileName()
                .toString()
                .replaceFirst("\\.hdf5$|\\.h5$", "")
                .replaceFirst("_demo$", "");
        return name.replace('_', ' ').toLowerCase(Locale.ROOT).trim();
    }

    private static Object scalar(Object data) {
        return data != null && data.getClass().isArray() && Array.getLength(data) == 1 ? Array.get(data, 0) : data;
    }

    /** The demos' names, in numeric order. */
    public List<String> demoNames() {
        return demos;
    }

    /** The instruction all demos of the file share. */
    public String instruction() {
        return instruction;
    }

    /**
     * Reads demo {@code name} as an episode (success true: LIBERO keeps successful demonstrations only; the
     * episode's initial-state field holds the demo's number, LIBERO's files do not say which start it had).
     *
     * @throws IllegalArgumentException naming the file, demo and field, if a field is missing or has the wrong
     *     shape
     */
    public Episode read(String name) {
        String where = file + " " + name;
        Node demo = data.getChildren().get(name);
        if (!(demo instanceof Group g)) {
            throw new IllegalArgumentException(file + " has no demo '" + name + "' (it has " + demos + ")");
        }
        Dataset rgb = dataset(g, "obs/agentview_rgb", where);
        Dataset act = dataset(g, "actions", where);
        int[] fd = rgb.getDimensions();
        int[] ad = act.getDimensions();
        if (fd.length != 4 || fd[3] != 3) {
            throw new IllegalArgumentException(
                    where + ": obs/agentview_rgb must be (T, H, W, 3), got " + java.util.Arrays.toString(fd));
        }
        if (ad.length != 2 || ad[1] != 7 || ad[0] != fd[0]) {
            throw new IllegalArgumentException(
                    where + ": actions must be (" + fd[0] + ", 7), got " + java.util.Arrays.toString(ad));
        }
        int steps = fd[0];
        int h = fd[1];
        int w = fd[2];
        int frameBytes = h * w * 3;
        byte[] pixels = bytes(rgb.getDataFlat());
        double[] acts = doubles(act.getDataFlat(), where + " actions");
        List<byte[]> frames = new ArrayList<>(steps);
        List<float[]> actions = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            byte[] f = new byte[frameBytes];
            for (int p = 0; p < h * w; p++) {
                int src = upright ? (h * w - 1 - p) : p; // a 180° rotation reverses the pixel order
                System.arraycopy(pixels, t * frameBytes + src * 3, f, p * 3, 3);
            }
            frames.add(f);
            float[] a = new float[7];
            for (int d = 0; d < 7; d++) {
                a[d] = (float) acts[t * 7 + d];
            }
            actions.add(a);
        }
        String id = task != null ? task : file.getFileName().toString();
        int index = Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
        return new Episode(id, instruction, index, true, w, h, frames, actions);
    }

    /** Every demo of the file, in memory (use {@link #read} per name to stream). */
    public List<Episode> readAll() {
        List<Episode> out = new ArrayList<>();
        for (String d : demos) {
            out.add(read(d));
        }
        return out;
    }

    private static Dataset dataset(Group g, String path, String where) {
        Node n = g;
        for (String part : path.split("/")) {
            n = n instanceof Group grp ? grp.getChildren().get(part) : null;
        }
        if (!(n instanceof Dataset d)) {
            throw new IllegalArgumentException(where + ": missing field '" + path + "'");
        }
        return d;
    }

    private static byte[] bytes(Object flat) {
        if (flat instanceof byte[] b) {
            return b;
        }
        int n = Array.getLength(flat);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) ((Number) Array.get(flat, i)).intValue();
        }
        return out;
    }

    private static double[] doubles(Object flat, String what) {
        if (flat instanceof double[] d) {
            return d;
        }
        if (!flat.getClass().isArray()) {
            throw new IllegalArgumentException(what + " is not numeric");
        }
        int n = Array.getLength(flat);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(flat, i)).doubleValue();
        }
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
