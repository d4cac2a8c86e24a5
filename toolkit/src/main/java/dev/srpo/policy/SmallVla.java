package dev.srpo.policy;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Engines;
import dev.srpo.env.Observation;
import dev.srpo.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The default VLA: a small convolutional image encoder conditioned on the instruction (FiLM over a learned word
 * embedding) and a linear head over all K × 7 action tokens (see {@link VlaNet}). About 2.9 M parameters at the
 * default size; one-shot SFT on a suite takes about ten minutes on a laptop CPU, and it runs on a GPU unchanged
 * when DJL finds one.
 *
 * <p>Checkpoint file ({@link #save}, {@link #load}): the bytes {@code SRPOVLA1}, a JSON header (architecture,
 * config, action statistics, vocabulary), DJL's parameter stream, and a CRC-32 of everything before it, so a
 * truncated or damaged file is refused rather than half-loaded.
 */
public final class SmallVla implements VlaPolicy {

    /** Architecture name written into checkpoints. */
    public static final String ARCHITECTURE = "small-vla";

    private static final byte[] MAGIC = "SRPOVLA1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyConfig config;
    private final ActionTokenizer actions;
    private final InstructionTokenizer words;
    private final Model model;
    private final VlaNet net;

    private SmallVla(PolicyConfig config, ActionTokenizer actions, InstructionTokenizer words) {
        this.config = config;
        this.actions = actions;
        this.words = words;
        this.model = Model.newInstance(ARCHITECTURE, Engines.defaultDevice(), "PyTorch");
        this.net = new VlaNet(config);
        model.setBlock(net);
    }

    /**
     * A freshly initialised policy (Xavier weights, seeded).
     *
     * @param actions action statistics of the demonstrations it will learn from
     * @param words the instruction vocabulary
     * @param seed initialisation seed
     */
    public static SmallVla create(PolicyConfig config, ActionTokenizer actions, InstructionTokenizer words, long seed) {
        SmallVla p = new SmallVla(config, actions, words);
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        p.net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        p.net.initialize(p.model.getNDManager(), DataType.FLOAT32, p.inputShapes());
        return p;
    }

    private Shape[] inputShapes() {
        Shape image = new Shape(1, 3, config.imageSize(), config.imageSize());
        Shape bag = new Shape(1, words.size());
        return config.proprio()
                ? new Shape[] {image, bag, new Shape(1, PolicyConfig.PROPRIO_DIM)}
                : new Shape[] {image, bag};
    }

    /** The model's size. */
    public PolicyConfig config() {
        return config;
    }

    @Override
    public int chunk() {
        return config.chunk();
    }

    @Override
    public ActionTokenizer actionTokenizer() {
        return actions;
    }

    @Override
    public InstructionTokenizer instructionTokenizer() {
        return words;
    }

    @Override
    public Model model() {
        return model;
    }

    /** Number of trainable numbers. */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @Override
    public NDArray logits(NDManager manager, List<Observation> batch, boolean training) {
        NDList inputs = new NDList(
                PolicyInputs.frames(manager, batch, config.imageSize()),
                PolicyInputs.bagOfWords(manager, batch, words));
        if (config.proprio()) {
            inputs.add(PolicyInputs.proprio(manager, batch));
        }
        inputs = inputs.toDevice(model.getNDManager().getDevice(), false);
        return net.forward(new ParameterStore(manager, false), inputs, training).singletonOrThrow();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException naming the parameter, if a weight is NaN or infinite (nothing is written)
     */
    @Override
    public void save(Path file) {
        String bad = firstNonFinite();
        if (bad != null) {
            throw new IllegalStateException("not saving " + file + ": " + bad);
        }
        byte[] params = Engines.parameterBytes(net);
        AtomicFiles.write(file, out -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(params.length + 4096);
            DataOutputStream data = new DataOutputStream(buf);
            data.write(MAGIC);
            byte[] header = JSON.writeValueAsBytes(header());
            data.writeInt(header.length);
            data.write(header);
            data.writeInt(params.length);
            data.write(params);
            data.flush();
            CRC32 crc = new CRC32();
            crc.update(buf.toByteArray());
            data.writeLong(crc.getValue());
            data.flush();
            buf.writeTo(out);
        });
    }

    private ObjectNode header() {
        ObjectNode h = JSON.createObjectNode();
        h.put("architecture", ARCHITECTURE);
        h.set("config", JSON.valueToTree(config));
        ObjectNode a = h.putObject("actions");
        a.set("low", JSON.valueToTree(actions.low()));
        a.set("high", JSON.valueToTree(actions.high()));
        ArrayNode v = h.putArray("vocabulary");
        words.words().forEach(v::add);
        return h;
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @throws IllegalArgumentException naming the file, if it is missing, not a checkpoint, corrupt (checksum),
     *     from another architecture, its parameters do not fit its config, or a weight is NaN or infinite
     */
    public static SmallVla load(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a checkpoint file: give the .vla file in it"
                    + " (a run's is RUN/policy.vla)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no checkpoint at " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read checkpoint " + file + ": " + e, e);
        }
        if (bytes.length < MAGIC.length + 16 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(file + " is not an SRPO VLA checkpoint (it does not start with "
                    + new String(MAGIC, StandardCharsets.US_ASCII) + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt: its checksum does not match"
                    + " (truncated or damaged; " + bytes.length + " bytes)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            in.skipNBytes(MAGIC.length);
            JsonNode h = JSON.readTree(in.readNBytes(section(in, file, "header")));
            String arch = h.path("architecture").asText("");
            if (!ARCHITECTURE.equals(arch)) {
                throw new IllegalArgumentException("checkpoint " + file + " holds architecture '" + arch
                        + "', SmallVla loads '" + ARCHITECTURE + "'");
            }
            for (String key : List.of("config", "actions", "vocabulary")) {
                if (!h.hasNonNull(key)) {
                    throw new IllegalArgumentException(
                            "checkpoint " + file + " is malformed: its header has no '" + key + "'");
                }
            }
            PolicyConfig config = JSON.treeToValue(h.get("config"), PolicyConfig.class);
            ActionTokenizer actions = new ActionTokenizer(
                    JSON.treeToValue(h.path("actions").get("low"), float[].class),
                    JSON.treeToValue(h.path("actions").get("high"), float[].class));
            List<String> vocab = new ArrayList<>();
            h.path("vocabulary").forEach(w -> vocab.add(w.asText()));
            SmallVla p = new SmallVla(config, actions, new InstructionTokenizer(vocab));
            byte[] params = in.readNBytes(section(in, file, "parameters"));
            try {
                p.net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
                p.net.initialize(p.model.getNDManager(), DataType.FLOAT32, p.inputShapes());
                p.net.loadParameters(p.model.getNDManager(), new DataInputStream(new ByteArrayInputStream(params)));
                p.attachGradients();
            } catch (MalformedModelException | RuntimeException e) {
                p.close();
                throw new IllegalArgumentException(
                        "checkpoint " + file + ": its parameters do not fit its " + config + " (" + e.getMessage()
                                + ")",
                        e);
            }
            String bad = p.firstNonFinite();
            if (bad != null) {
                p.close();
                throw new IllegalArgumentException("checkpoint " + file + " holds non-finite weights: " + bad);
            }
            return p;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().contains(file.toString())) {
                throw iae;
            }
            // a header that is not JSON, a config with a bad value, a duplicate vocabulary word, ...
            throw new IllegalArgumentException("checkpoint " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    /** The length of the next section, checked against what is left of the file. */
    private static int section(DataInputStream in, Path file, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException("checkpoint " + file + " is malformed: its " + what + " claims " + length
                    + " bytes, " + in.available() + " are left");
        }
        return length;
    }

    /**
     * Replaces this policy's weights with a checkpoint's (e.g. the best SFT weights before RL).
     *
     * @throws IllegalArgumentException if the checkpoint's architecture, config, vocabulary or action statistics
     *     differ from this policy's, naming what differs
     */
    @Override
    public void loadWeights(Path file) {
        try (SmallVla other = load(file)) {
            if (!other.config.equals(config)) {
                throw new IllegalArgumentException("checkpoint " + file + " has another architecture: " + other.config
                        + ", this policy is " + config);
            }
            if (!other.words.equals(words)) {
                throw new IllegalArgumentException("checkpoint " + file + " has another instruction vocabulary ("
                        + other.words.size() + " words, this policy " + words.size() + ")");
            }
            if (!other.actions.equals(actions)) {
                throw new IllegalArgumentException("checkpoint " + file + " has other action statistics: "
                        + other.actions + ", this policy " + actions);
            }
            copyWeights(other, this);
        }
    }

    @Override
    public SmallVla copy() {
        SmallVla p = new SmallVla(config, actions, words);
        p.net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        p.net.initialize(p.model.getNDManager(), DataType.FLOAT32, p.inputShapes());
        copyWeights(this, p);
        return p;
    }

    private static void copyWeights(SmallVla from, SmallVla to) {
        var src = from.net.getParameters();
        var dst = to.net.getParameters();
        for (int i = 0; i < src.size(); i++) {
            NDArray target = dst.get(i).getValue().getArray();
            NDArray value = src.get(i).getValue().getArray();
            target.set(value.toFloatArray()); // a copy: the two policies never share a buffer
        }
    }

    /** The first parameter holding a NaN or infinite weight, described; null if all are finite. */
    private String firstNonFinite() {
        for (Pair<String, Parameter> p : net.getParameters()) {
            float[] w = p.getValue().getArray().toFloatArray();
            for (int i = 0; i < w.length; i++) {
                if (!Float.isFinite(w[i])) {
                    return "weight " + i + " of parameter '" + p.getKey() + "' is " + w[i];
                }
            }
        }
        return null;
    }

    private void attachGradients() {
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (!a.hasGradient()) {
                a.setRequiresGradient(true);
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "SmallVla[" + config + ", " + words.size() + " words]";
    }
}
