package dev.srpo.policy;

/**
 * The default model's size. Defaults: 192×192 input (the gripper must land within a centimetre of small objects;
 * the runs that chose it are in {@code docs/design-choices.md}; 2.87 M parameters, about twice the SFT time of 128),
 * chunks of 8 steps (the paper's), 16 base channels, 32-wide
 * word embeddings, a 256-unit hidden layer, 32-wide token features. Two configs with different values make
 * incompatible checkpoints.
 *
 * @param imageSize side of the square frame the model sees; observations of another size are resized to it
 * @param chunk action steps predicted per forward pass (K), each 7 tokens
 * @param channels channels of the first convolution (later ones have 2× and 4×)
 * @param embedding width of the word embeddings that condition the image features
 * @param hidden width of the layer before the token head
 * @param tokenWidth width of each action token's feature vector, which one shared layer maps to 256 logits
 * @param proprio whether the model also reads the 8-D proprioceptive state (T+P+I); off by default, as OpenVLA*
 *     sees only the frame and the instruction (T+I)
 */
public record PolicyConfig(
        int imageSize, int chunk, int channels, int embedding, int hidden, int tokenWidth, boolean proprio) {

    /** Length of the proprioceptive state the model reads when {@link #proprio()} is on (LIBERO's 8-D state). */
    public static final int PROPRIO_DIM = 8;

    /** 192×192, K = 8, 16 channels, 32-wide embeddings, 256 hidden units, 32-wide token features. */
    public static final PolicyConfig DEFAULT = new PolicyConfig(192, 8, 16, 32, 256, 32, false);

    /** A frame-and-instruction config (no proprioception). */
    public PolicyConfig(int imageSize, int chunk, int channels, int embedding, int hidden, int tokenWidth) {
        this(imageSize, chunk, channels, embedding, hidden, tokenWidth, false);
    }

    public PolicyConfig {
        if (imageSize < 16 || imageSize > 512 || imageSize % 16 != 0) {
            throw new IllegalArgumentException("imageSize must be a multiple of 16 in 16..512, got " + imageSize);
        }
        if (chunk < 1 || chunk > 64) {
            throw new IllegalArgumentException("chunk must be within 1..64 steps, got " + chunk);
        }
        if (channels < 1 || embedding < 1 || hidden < 1 || tokenWidth < 1) {
            throw new IllegalArgumentException("channels, embedding, hidden and tokenWidth must be positive, got "
                    + channels + ", " + embedding + ", " + hidden + ", " + tokenWidth);
        }
    }

    /** Action tokens per chunk: {@code chunk × 7}. */
    public int tokens() {
        return chunk * 7;
    }

    /** The same config with another chunk length. */
    public PolicyConfig withChunk(int chunk) {
        return new PolicyConfig(imageSize, chunk, channels, embedding, hidden, tokenWidth, proprio);
    }

    /** The same config with another input size. */
    public PolicyConfig withImageSize(int imageSize) {
        return new PolicyConfig(imageSize, chunk, channels, embedding, hidden, tokenWidth, proprio);
    }

    /** The same config with or without the proprioceptive input. */
    public PolicyConfig withProprio(boolean proprio) {
        return new PolicyConfig(imageSize, chunk, channels, embedding, hidden, tokenWidth, proprio);
    }

    /** The same config with other layer widths. */
    public PolicyConfig withWidths(int channels, int embedding, int hidden, int tokenWidth) {
        return new PolicyConfig(imageSize, chunk, channels, embedding, hidden, tokenWidth, proprio);
    }
}
