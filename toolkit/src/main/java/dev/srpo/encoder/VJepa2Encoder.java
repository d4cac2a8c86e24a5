package dev.srpo.encoder;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.srpo.Engines;
import dev.srpo.rollout.Video;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRPO's world-model encoder (Eq. 2): V-JEPA 2's video encoder, loaded from a TorchScript export and run through
 * DJL's PyTorch engine. Each trajectory becomes one clip ({@link ClipTransform}: the released recipe's frame
 * sampling, resize, crop and normalisation), the encoder turns the clip into tokens, and the embedding is the mean
 * over all of them (done inside the export, in the model's precision).
 *
 * <p>Exports come from {@code tools/vjepa2/export_vjepa2.py} (see {@code tools/vjepa2/README.md}): {@code NAME.pt} plus the
 * sidecar {@code NAME.json} ({@link VJepa2Recipe}). A {@code cpu} export runs on the CPU in float32; a {@code cuda}
 * export (float16 for the released recipe) runs on DJL's first GPU and needs the CUDA build of libtorch on the
 * classpath. The device is fixed by the export because tracing records it; this class checks that DJL has what the
 * export needs and says so when it does not.
 *
 * <p>Batches of {@code batchSize} trajectories go through the model at once; an empty video gets an empty
 * embedding (the reward treats it as no progress).
 */
public final class VJepa2Encoder implements TrajectoryEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(VJepa2Encoder.class);

    private final Path modelFile;
    private final VJepa2Recipe recipe;
    private final ClipTransform transform;
    private final int batchSize;
    private final Device device;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;

    private VJepa2Encoder(
            Path modelFile, VJepa2Recipe recipe, int batchSize, Device device, ZooModel<NDList, NDList> model) {
        this.modelFile = modelFile;
        this.recipe = recipe;
        this.transform = new ClipTransform(recipe);
        this.batchSize = batchSize;
        this.device = device;
        this.model = model;
        this.predictor = model.newPredictor();
    }

    /** Loads {@code NAME.pt} and its sidecar, encoding 4 trajectories per forward pass. */
    public static VJepa2Encoder load(Path modelFile) {
        return load(modelFile, 4);
    }

    /**
     * Loads {@code NAME.pt} and its sidecar {@code NAME.json}.
     *
     * @param batchSize trajectories per forward pass (memory grows with it: a ViT-g/384 clip is 18,432 tokens)
     * @throws IllegalArgumentException if the file is missing or not a TorchScript export, the sidecar is missing or
     *     wrong, or the export needs a GPU that DJL does not see
     */
    public static VJepa2Encoder load(Path modelFile, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Engines.stayOffline();
        checkTorchScript(modelFile);
        VJepa2Recipe recipe = VJepa2Recipe.read(VJepa2Recipe.sidecarOf(modelFile));
        Device device = deviceFor(recipe, modelFile);
        String name = modelFile.getFileName().toString();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelFile.toAbsolutePath().getParent())
                .optModelName(name.substring(0, name.length() - ".pt".length()))
                .optEngine("PyTorch")
                .optDevice(device)
                .optOption("mapLocation", "true") // the weights land on the chosen device
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new VJepa2Encoder(modelFile, recipe, batchSize, device, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "PyTorch could not load " + modelFile + " as TorchScript: " + e.getMessage(), e);
        }
    }

    /**
     * A TorchScript file is a zip archive with a {@code code/} folder. A checkpoint saved with {@code torch.save} is
     * a zip too but has no code; a safetensors file is not a zip. Both need exporting first.
     */
    private static void checkTorchScript(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("V-JEPA 2 model file not found: " + modelFile
                    + " (export one with tools/vjepa2/export_vjepa2.py; see tools/vjepa2/README.md)");
        }
        if (!modelFile.getFileName().toString().endsWith(".pt")) {
            throw new IllegalArgumentException(
                    "V-JEPA 2 model file must be NAME.pt (with NAME.json beside it), got " + modelFile.getFileName());
        }
        boolean hasCode;
        try (ZipFile zip = new ZipFile(modelFile.toFile())) {
            hasCode = zip.stream().anyMatch(e -> e.getName().contains("/code/"));
        } catch (IOException e) {
            throw new IllegalArgumentException(modelFile + " is not a TorchScript file (not a zip archive): a raw "
                    + "checkpoint or safetensors file must be exported first with tools/vjepa2/export_vjepa2.py");
        }
        if (!hasCode) {
            throw new IllegalArgumentException(modelFile + " is a PyTorch archive without TorchScript code: it looks "
                    + "like a checkpoint saved with torch.save (e.g. vitg-384.pt); export it first with "
                    + "tools/vjepa2/export_vjepa2.py");
        }
    }

    private static Device deviceFor(VJepa2Recipe recipe, Path modelFile) {
        int gpus = Engines.pytorch().getGpuCount();
        if (!recipe.onGpu()) {
            if (gpus > 0) {
                LOG.warn(
                        "{} was exported for the CPU, so it runs there although DJL sees {} GPU(s); export it with "
                                + "--device cuda --dtype float16 to run it on the GPU",
                        modelFile,
                        gpus);
            }
            return Device.cpu();
        }
        if (gpus < 1) {
            throw new IllegalArgumentException(modelFile + " was exported for the GPU (" + recipe.dtype()
                    + "), but DJL sees no GPU: put the CUDA build of libtorch (pytorch-native-cu*) on the classpath "
                    + "on a machine with an NVIDIA GPU, or export again with --device cpu");
        }
        return Device.gpu();
    }

    @Override
    public String name() {
        String file = modelFile.getFileName().toString();
        String stem = file.substring(0, file.length() - ".pt".length());
        return stem.startsWith("vjepa2") ? stem : "vjepa2-" + stem;
    }

    @Override
    public int dimension() {
        return recipe.hiddenSize();
    }

    /** The sidecar's settings. */
    public VJepa2Recipe recipe() {
        return recipe;
    }

    /** Where the model runs. */
    public Device device() {
        return device;
    }

    @Override
    public double[][] encode(List<Video> videos) {
        double[][] out = new double[videos.size()][];
        List<Integer> pending = new ArrayList<>();
        for (int v = 0; v < videos.size(); v++) {
            if (videos.get(v).length() == 0) {
                out[v] = new double[0];
            } else {
                pending.add(v);
            }
        }
        for (int from = 0; from < pending.size(); from += batchSize) {
            List<Integer> batch = pending.subList(from, Math.min(pending.size(), from + batchSize));
            double[][] embeddings = forward(batch.stream().map(videos::get).toList());
            for (int i = 0; i < batch.size(); i++) {
                out[batch.get(i)] = embeddings[i];
            }
        }
        return out;
    }

    /** One forward pass: clips [B, T, 3, crop, crop] float32 → mean-pooled tokens [B, hidden]. */
    private double[][] forward(List<Video> batch) {
        int clip = transform.clipSize();
        float[] pixels = new float[batch.size() * clip];
        for (int i = 0; i < batch.size(); i++) {
            transform.apply(batch.get(i), pixels, i * clip);
        }
        return forwardClips(pixels, batch.size());
    }

    /** The model alone on {@code count} prepared clips laid end to end (the bench times it separately). */
    double[][] forwardClips(float[] pixels, int count) {
        Shape shape = new Shape(count, recipe.frames(), 3, recipe.crop(), recipe.crop());
        try (NDManager manager = model.getNDManager().newSubManager(device)) {
            NDArray input = manager.create(FloatBuffer.wrap(pixels), shape, DataType.FLOAT32);
            NDList result = predictor.predict(new NDList(input));
            result.attach(manager); // freed with the batch
            NDArray pooled = result.singletonOrThrow();
            Shape expected = new Shape(count, recipe.hiddenSize());
            if (!pooled.getShape().equals(expected)) {
                throw new IllegalStateException("V-JEPA 2 model " + modelFile + " returned shape " + pooled.getShape()
                        + ", expected " + expected + " from its sidecar: the .json does not belong to this .pt");
            }
            float[] flat = pooled.toType(DataType.FLOAT32, false).toFloatArray();
            double[][] out = new double[count][recipe.hiddenSize()];
            for (int i = 0; i < out.length; i++) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] = flat[i * recipe.hiddenSize() + j];
                }
            }
            return out;
        } catch (TranslateException e) {
            throw new IllegalStateException(
                    "V-JEPA 2 forward pass failed on input " + shape + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    @Override
    public String toString() {
        return name() + " [" + recipe.source() + ", " + recipe.frames() + " frames, crop " + recipe.crop() + ", "
                + recipe.hiddenSize() + "-d, " + device + " " + recipe.dtype() + ", batch " + batchSize + "]";
    }
}
