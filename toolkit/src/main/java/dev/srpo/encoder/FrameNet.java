package dev.srpo.encoder;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The frame network of the CPU encoders: four stride-2 convolutions (8, 16, 32, 32 channels) over a
 * {@code side}×{@code side} RGB frame, then a linear map to the latent. Small on purpose: it trains on two CPU cores
 * in minutes and embeds thousands of frames per second.
 */
public final class FrameNet {

    /** Channels of the four convolutions. */
    static final int[] CHANNELS = {8, 16, 32, 32};

    private FrameNet() {}

    /** The network: input {@code [N, 3, side, side]} floats in [0, 1], output {@code [N, latent]}. */
    public static SequentialBlock build(int latent) {
        SequentialBlock net = new SequentialBlock();
        for (int c : CHANNELS) {
            net.add(Conv2d.builder()
                            .setKernelShape(new Shape(4, 4))
                            .optStride(new Shape(2, 2))
                            .optPadding(new Shape(1, 1))
                            .setFilters(c)
                            .build())
                    .add(Activation.reluBlock());
        }
        // LayerNorm keeps latents of different scenes on one scale, so distances compare across tasks
        return net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(latent).build())
                .add(LayerNorm.builder().build());
    }

    /**
     * Writes one RGB frame ({@code width}×{@code height}, row-major RGB bytes) into {@code out} at {@code offset} as
     * a {@code 3×side×side} planar float image in [0, 1], shrunk (or grown) by averaging each cell's pixels.
     */
    public static void toInput(byte[] rgb, int width, int height, int side, float[] out, int offset) {
        int plane = side * side;
        BoxAverage.shrink(rgb, width, height, side, (cell, r, g, b) -> {
            out[offset + cell] = (float) r;
            out[offset + cell + plane] = (float) g;
            out[offset + cell + 2 * plane] = (float) b;
        });
    }
}
