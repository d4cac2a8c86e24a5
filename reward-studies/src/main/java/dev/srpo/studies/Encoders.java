package dev.srpo.studies;

import dev.srpo.encoder.LatentEncoder;
import dev.srpo.encoder.PixelEncoder;
import dev.srpo.encoder.TrajectoryEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The encoders the benchmark compares, in the paper's row order: pixels, image embedding, world model. */
public final class Encoders {

    private Encoders() {}

    /** The pixel baseline: 8 frames, 16×16 thumbnails. */
    public static TrajectoryEncoder pixels() {
        return new PixelEncoder(8, 16);
    }

    /**
     * Pixels, the image embedding and the world model, the last two from {@code dir} ({@code image-ssl.*},
     * {@code world-model.*}) or, when {@code dir} is null, the ones shipped in the toolkit jar.
     */
    public static List<TrajectoryEncoder> available(String dir) {
        List<TrajectoryEncoder> out = new ArrayList<>();
        out.add(pixels());
        for (String name : List.of("image-ssl", "world-model")) {
            out.add(dir == null ? LatentEncoder.shipped(name) : LatentEncoder.load(Path.of(dir, name)));
        }
        return out;
    }
}
