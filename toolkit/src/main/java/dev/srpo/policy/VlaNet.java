package dev.srpo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The default model's network. Inputs: frames {@code (B, 3, S, S)} scaled to [-0.5, 0.5] and the instruction as
 * a bag of words {@code (B, V)}. Four convolutions (4×4 patches, then 3×3) encode the frame to S/16 × S/16; the instruction's mean word
 * embedding conditions the last two by FiLM (a per-channel scale and shift, so the same pixels can mean "go to
 * the bowl" or "go to the plate"); a hidden layer gives a feature vector per action token of the chunk, and one
 * shared layer maps each to 256 logits: every token of the chunk at once (parallel decoding),
 * {@code (B, K × 7, 256)}. The factored head keeps the model small (a full hidden → K·7·256 layer would hold
 * most of its weights). With {@link PolicyConfig#proprio()} a third input, the proprioceptive state {@code (B, 8)},
 * joins the image features before the hidden layer.
 */
final class VlaNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final PolicyConfig config;
    private final Block conv1;
    private final Block conv2;
    private final Block conv3;
    private final Block conv4;
    private final Block words;
    private final Block film3;
    private final Block film4;
    private final Block hidden;
    private final Block tokens;
    private final Block head;

    VlaNet(PolicyConfig config) {
        super(VERSION);
        this.config = config;
        int c = config.channels();
        conv1 = addChildBlock("conv1", conv(c, 4, 4, 0)); // S → S/4: 4×4 patches, cheap on a CPU
        conv2 = addChildBlock("conv2", conv(2 * c, 3, 2, 1)); // → S/8
        conv3 = addChildBlock("conv3", conv(2 * c, 3, 1, 1));
        conv4 = addChildBlock("conv4", conv(4 * c, 3, 2, 1)); // → S/16
        words = addChildBlock(
                "words",
                Linear.builder().setUnits(config.embedding()).optBias(false).build());
        film3 = addChildBlock("film3", Linear.builder().setUnits(2L * 2 * c).build());
        film4 = addChildBlock("film4", Linear.builder().setUnits(2L * 4 * c).build());
        hidden = addChildBlock(
                "hidden", Linear.builder().setUnits(config.hidden()).build());
        tokens = addChildBlock(
                "tokens",
                Linear.builder()
                        .setUnits((long) config.tokens() * config.tokenWidth())
                        .build());
        head = addChildBlock(
                "head", Linear.builder().setUnits(ActionTokenizer.BINS).build());
    }

    private static Block conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray image = inputs.get(0);
        NDArray bag = inputs.get(1);
        long batch = image.getShape().get(0);
        NDArray e = words.forward(ps, new NDList(bag), training).singletonOrThrow();
        NDArray x =
                Activation.relu(conv1.forward(ps, new NDList(image), training).singletonOrThrow());
        x = Activation.relu(conv2.forward(ps, new NDList(x), training).singletonOrThrow());
        x = conv3.forward(ps, new NDList(x), training).singletonOrThrow();
        x = Activation.relu(film(x, film3.forward(ps, new NDList(e), training).singletonOrThrow()));
        x = conv4.forward(ps, new NDList(x), training).singletonOrThrow();
        x = Activation.relu(film(x, film4.forward(ps, new NDList(e), training).singletonOrThrow()));
        x = x.reshape(batch, -1);
        if (config.proprio()) {
            x = x.concat(inputs.get(2), 1);
        }
        x = Activation.relu(hidden.forward(ps, new NDList(x), training).singletonOrThrow());
        x = tokens.forward(ps, new NDList(x), training).singletonOrThrow();
        x = Activation.relu(x.reshape(batch * config.tokens(), config.tokenWidth()));
        NDArray logits = head.forward(ps, new NDList(x), training).singletonOrThrow();
        return new NDList(logits.reshape(batch, config.tokens(), ActionTokenizer.BINS));
    }

    // FiLM: x·(1 + γ) + β per channel, γ and β from the instruction (1 + γ so an untrained layer passes x through).
    private static NDArray film(NDArray x, NDArray gammaBeta) {
        long channels = x.getShape().get(1);
        NDArray gamma = gammaBeta.get(":, :" + channels).expandDims(2).expandDims(3);
        NDArray beta = gammaBeta.get(":, " + channels + ":").expandDims(2).expandDims(3);
        return x.mul(gamma.add(1f)).add(beta);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.tokens(), ActionTokenizer.BINS)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Block conv : new Block[] {conv1, conv2, conv3, conv4}) {
            conv.initialize(manager, dataType, s);
            s = conv.getOutputShapes(new Shape[] {s})[0];
        }
        long batch = s.get(0);
        Shape bag = inputShapes[1];
        words.initialize(manager, dataType, bag);
        Shape e = words.getOutputShapes(new Shape[] {bag})[0];
        film3.initialize(manager, dataType, e);
        film4.initialize(manager, dataType, e);
        Shape flat = new Shape(batch, s.size() / batch + (config.proprio() ? PolicyConfig.PROPRIO_DIM : 0));
        hidden.initialize(manager, dataType, flat);
        tokens.initialize(manager, dataType, new Shape(batch, config.hidden()));
        head.initialize(manager, dataType, new Shape(batch * config.tokens(), config.tokenWidth()));
    }
}
