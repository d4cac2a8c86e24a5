package dev.srpo.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a V-JEPA 2 TorchScript export wants its frames, read from the JSON sidecar that {@code
 * tools/vjepa2/export_vjepa2.py} writes beside the {@code .pt} file ({@code NAME.pt} → {@code NAME.json}).
 *
 * <p>The released SRPO recipe for ViT-g/384 is 64 frames, short side resized to 438, centre crop 384, ImageNet
 * mean and std; the 256-pixel checkpoints use 292 and 256. The sidecar also says where the file runs: tracing
 * records the device (V-JEPA 2's RoPE makes its position ids on the input's device), so a {@code cpu} export runs
 * on the CPU only and a {@code cuda} export, in fp16 or fp32, on the GPU only.
 *
 * @param frames frames per clip ({@code T})
 * @param crop side of the square crop, pixels
 * @param resizeShortSide short side after resizing, before cropping
 * @param mean per-channel mean (RGB) subtracted after scaling to [0, 1]
 * @param std per-channel standard deviation (RGB) divided by
 * @param hiddenSize length of the embedding the model returns
 * @param device {@code cpu} or {@code cuda}: where the export was traced, so where it runs
 * @param dtype {@code float32} or {@code float16}: the weights' precision (input and output stay float32)
 * @param source what was exported (a checkpoint folder's name, or the random test model)
 */
public record VJepa2Recipe(
        int frames,
        int crop,
        int resizeShortSide,
        float[] mean,
        float[] std,
        int hiddenSize,
        String device,
        String dtype,
        String source) {

    /** The sidecar format this code reads; the export script writes the same string. */
    public static final String FORMAT = "srpo-vjepa2-torchscript/1";

    public VJepa2Recipe {
        List<String> problems = new ArrayList<>();
        if (frames < 1) problems.add("frames must be >= 1, got " + frames);
        if (crop < 1) problems.add("crop must be >= 1, got " + crop);
        if (resizeShortSide < crop) {
            problems.add("resize_short_side (" + resizeShortSide + ") is smaller than the crop (" + crop + ")");
        }
        if (mean == null || mean.length != 3) problems.add("mean must have 3 values (RGB)");
        if (std == null || std.length != 3) problems.add("std must have 3 values (RGB)");
        if (std != null) {
            for (float s : std) {
                if (!(s > 0)) problems.add("std values must be > 0, got " + s);
            }
        }
        if (hiddenSize < 1) problems.add("hidden_size must be >= 1, got " + hiddenSize);
        if (!"cpu".equals(device) && !"cuda".equals(device)) {
            problems.add("device must be 'cpu' or 'cuda', got '" + device + "'");
        }
        if (!"float32".equals(dtype) && !"float16".equals(dtype)) {
            problems.add("dtype must be 'float32' or 'float16', got '" + dtype + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid V-JEPA 2 recipe: " + String.join("; ", problems));
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Whether the export runs on the GPU (it was traced there). */
    public boolean onGpu() {
        return "cuda".equals(device);
    }

    /** The sidecar of a model file: {@code NAME.json} beside {@code NAME.pt}. */
    public static Path sidecarOf(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String stem = name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name;
        return modelFile.resolveSibling(stem + ".json");
    }

    /**
     * Reads and checks a sidecar.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static VJepa2Recipe read(Path sidecar) {
        if (!Files.isRegularFile(sidecar)) {
            throw new IllegalArgumentException("no V-JEPA 2 sidecar " + sidecar
                    + ": export_vjepa2.py writes NAME.json beside NAME.pt; keep the two together");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(sidecar.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "V-JEPA 2 sidecar " + sidecar + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("V-JEPA 2 sidecar " + sidecar + " is not a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(
                    "V-JEPA 2 sidecar " + sidecar + " has format '" + format + "', this toolkit reads '" + FORMAT
                            + "': export the model again with tools/vjepa2/export_vjepa2.py");
        }
        List<String> missing = new ArrayList<>();
        for (String key :
                List.of("frames", "crop", "resize_short_side", "mean", "std", "hidden_size", "device", "dtype")) {
            if (!root.hasNonNull(key)) missing.add(key);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("V-JEPA 2 sidecar " + sidecar + " lacks " + String.join(", ", missing));
        }
        try {
            return new VJepa2Recipe(
                    root.get("frames").asInt(),
                    root.get("crop").asInt(),
                    root.get("resize_short_side").asInt(),
                    floats(root.get("mean")),
                    floats(root.get("std")),
                    root.get("hidden_size").asInt(),
                    root.get("device").asText(),
                    root.get("dtype").asText(),
                    root.path("source").asText("unknown"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("V-JEPA 2 sidecar " + sidecar + ": " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonNode node) {
        if (!node.isArray()) return null;
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) node.get(i).asDouble();
        return out;
    }
}
