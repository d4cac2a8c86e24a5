package dev.srpo.encoder;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srpo.Engines;
import dev.srpo.io.AtomicFiles;
import dev.srpo.rollout.Video;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trajectory encoder built on a trained {@link FrameNet}: every sampled frame becomes a latent, and the
 * trajectory's embedding is their mean, the way SRPO mean-pools V-JEPA 2's tokens. With {@code segments > 1} the
 * sampled frames are cut into that many consecutive groups and the group means are concatenated: V-JEPA 2's tokens
 * see the whole clip through attention and so carry when things happen; a per-frame network needs this to tell
 * "reached the goal" from "passed near it". Its weights come from
 * {@link WorldModelTraining}; the toolkit ships one trained on the embedded simulator ({@link #shipped()}).
 *
 * <p>On disk an encoder is two files side by side: {@code NAME.json} (its {@link Config}) and {@code NAME.params}
 * (DJL's parameter format).
 */
public final class LatentEncoder implements FrameWiseEncoder {

    /** The encoders shipped in the toolkit jar: the world model (the default) and the image embedding. */
    public static final List<String> SHIPPED = List.of("world-model", "image-ssl");

    private static final String SHIPPED_FOLDER = "/dev/srpo/encoder/";

    private static final int CHUNK = 256; // frames per forward pass
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * What an encoder is and how it was made.
     *
     * @param name short name for tables, also the file name
     * @param objective the training objective ({@link WorldModelTraining.Objective})
     * @param side frames are shrunk to side×side pixels
     * @param latent latent (embedding) size
     * @param frames frames sampled per trajectory
     * @param segments consecutive groups of sampled frames, each mean-pooled (1 = one mean over all)
     * @param provenance how it was trained (data, steps, seed, wall time), for the card
     */
    public record Config(
            String name, String objective, int side, int latent, int frames, int segments, String provenance) {
        public Config {
            if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(
                        "an encoder name must be letters, digits, '.', '_' or '-', got " + name);
            }
            if (side < 16 || latent < 1 || frames < 1 || segments < 1 || frames % segments != 0) {
                throw new IllegalArgumentException("bad encoder config: side " + side + " (>= 16), latent " + latent
                        + ", frames " + frames + ", segments " + segments + " (must divide the frames)");
            }
        }
    }

    private final Config config;
    private final NDManager manager;
    private final Block net;
    private final FrameSampler sampler;

    private LatentEncoder(Config config, NDManager manager, Block net) {
        this.config = config;
        this.manager = manager;
        this.net = net;
        this.sampler = new FrameSampler(config.frames());
    }

    /** Builds an encoder from a config and DJL parameter bytes (as {@link #save} writes them). */
    static LatentEncoder of(Config config, byte[] params) {
        Engines.stayOffline();
        NDManager manager = NDManager.newBaseManager(Engines.defaultDevice());
        Block net = FrameNet.build(config.latent());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            net.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException(
                    "the parameters of encoder " + config.name() + " do not fit a FrameNet with latent "
                            + config.latent() + ": " + e.getMessage(),
                    e);
        }
        return new LatentEncoder(config, manager, net);
    }

    /**
     * Loads an encoder from {@code NAME.json} and {@code NAME.params}; pass either file or the path without suffix.
     *
     * @throws IllegalArgumentException naming the missing or unreadable file
     */
    public static LatentEncoder load(Path file) {
        String base = file.getFileName().toString().replaceFirst("\\.(json|params)$", "");
        Path json = file.resolveSibling(base + ".json");
        Path params = file.resolveSibling(base + ".params");
        try {
            return of(readConfig(Files.readAllBytes(json), json.toString()), Files.readAllBytes(params));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("encoder file not found: " + e.getFile(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read encoder " + file, e);
        }
    }

    /** The world-model encoder shipped with the toolkit (trained on the embedded simulator; see its card). */
    public static LatentEncoder shipped() {
        return shipped("world-model");
    }

    /** A shipped encoder by name: {@code world-model} or {@code image-ssl} (see datasets/world-model/README.md). */
    public static LatentEncoder shipped(String name) {
        if (!SHIPPED.contains(name)) {
            throw new IllegalArgumentException("no shipped encoder named '" + name + "': choose one of " + SHIPPED);
        }
        String base = SHIPPED_FOLDER + name;
        try (InputStream json = LatentEncoder.class.getResourceAsStream(base + ".json");
                InputStream params = LatentEncoder.class.getResourceAsStream(base + ".params")) {
            if (json == null || params == null) {
                throw new IllegalStateException("the shipped encoder " + name + " is missing from the classpath ("
                        + base + ".json/.params): rebuild the toolkit jar");
            }
            return of(readConfig(json.readAllBytes(), base + ".json"), params.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Config readConfig(byte[] bytes, String where) {
        try {
            return JSON.readValue(bytes, Config.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad encoder config " + where + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code dir/NAME.json} and {@code dir/NAME.params}, each atomically; returns the params file. */
    public Path save(Path dir) {
        Path params = dir.resolve(config.name() + ".params");
        AtomicFiles.write(params, Engines.parameterBytes(net));
        try {
            AtomicFiles.write(
                    dir.resolve(config.name() + ".json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return params;
    }

    /** This encoder's config. */
    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public int dimension() {
        return config.segments() * config.latent();
    }

    @Override
    public double[][] encode(List<Video> videos) {
        // every video's sampled frames go through the network together, CHUNK at a time: one forward pass per
        // video would cost far more in per-call overhead than in arithmetic
        List<FrameRef> refs = new ArrayList<>();
        for (Video video : videos) {
            if (video.length() > 0) {
                for (int t : sampler.indices(video.length())) {
                    refs.add(new FrameRef(video, t));
                }
            }
        }
        double[][] z = latents(refs);
        double[][] out = new double[videos.size()][];
        int[] order = new int[sampler.count()];
        for (int v = 0, next = 0; v < videos.size(); v++) {
            if (videos.get(v).length() == 0) {
                out[v] = new double[0];
                continue;
            }
            for (int k = 0; k < order.length; k++) {
                order[k] = next++;
            }
            out[v] = segmentMeans(z, order);
        }
        return out;
    }

    @Override
    public double[][] frameFeatures(Video video) {
        List<FrameRef> refs = new ArrayList<>();
        for (int t = 0; t < video.length(); t++) {
            refs.add(new FrameRef(video, t));
        }
        return latents(refs);
    }

    /** The segment means of the prefix's sampled frames, like {@link #encode}. */
    @Override
    public double[] pool(double[][] features, int length) {
        if (length < 1 || length > features.length) {
            throw new IllegalArgumentException(
                    "a prefix of " + length + " frames of a " + features.length + "-frame video");
        }
        return segmentMeans(features, sampler.indices(length));
    }

    /** The means of the rows {@code idx} in {@code segments} consecutive groups, concatenated. */
    private double[] segmentMeans(double[][] rows, int[] idx) {
        int latent = config.latent();
        int per = idx.length / config.segments();
        double[] e = new double[dimension()];
        for (int k = 0; k < idx.length; k++) {
            int offset = (k / per) * latent;
            for (int j = 0; j < latent; j++) {
                e[offset + j] += rows[idx[k]][j] / per;
            }
        }
        return e;
    }

    private record FrameRef(Video video, int index) {}

    /** Latents of the given frames, in order, CHUNK frames per forward pass. */
    private double[][] latents(List<FrameRef> frames) {
        int side = config.side();
        int plane = 3 * side * side;
        int latent = config.latent();
        double[][] out = new double[frames.size()][];
        for (int start = 0; start < frames.size(); start += CHUNK) {
            int n = Math.min(CHUNK, frames.size() - start);
            float[] input = new float[n * plane];
            for (int k = 0; k < n; k++) {
                FrameRef f = frames.get(start + k);
                Video v = f.video();
                FrameNet.toInput(v.frames().get(f.index()), v.width(), v.height(), side, input, k * plane);
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.create(input, new Shape(n, 3, side, side));
                float[] z = net.forward(new ParameterStore(step, false), new NDList(x), false)
                        .singletonOrThrow()
                        .toFloatArray();
                for (int k = 0; k < n; k++) {
                    double[] row = new double[latent];
                    for (int j = 0; j < latent; j++) {
                        row[j] = z[k * latent + j];
                    }
                    out[start + k] = row;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "LatentEncoder[" + config.name() + ", " + config.objective() + ", " + config.side() + "px, latent "
                + config.latent() + ", " + config.frames() + " frames in " + config.segments() + " segments]";
    }
}
