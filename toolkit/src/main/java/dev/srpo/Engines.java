package dev.srpo;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one door to DJL's engine. It switches off DJL's network use before the engine starts: at start-up DJL
 * reads cloud instance metadata and sends a telemetry request unless {@code OPT_OUT_TRACKING} is set, and
 * offline mode makes any accidental model or native download fail fast instead of reaching out.
 *
 * <p>The build, the CLI launcher and the Jupyter kernel set both flags already; this class sets them again for
 * code that starts a JVM some other way (an IDE, a user's own {@code main}). A value the user set explicitly is
 * left alone.
 *
 * <p>The toolkit ships libtorch's CPU natives; the engine runs on a CUDA GPU only where CUDA natives are put on
 * the classpath instead.
 */
public final class Engines {

    /** System property that stops DJL's start-up telemetry. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    /** System property that stops DJL from downloading anything. */
    public static final String OFFLINE = "ai.djl.offline";

    private Engines() {}

    /** System property with libtorch's intra-op thread count. */
    public static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";
    /** System property with libtorch's inter-op thread count. */
    public static final String TORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    /**
     * Sets DJL's opt-out and offline flags unless already set; call before anything touches DJL. Also gives libtorch
     * one thread unless {@value #TORCH_THREADS} is set: the toolkit's models are small, parallel work happens in
     * the environment threads, and libtorch's spinning OpenMP workers made a training step 10–20× slower on a
     * shared 2-core machine.
     */
    public static void stayOffline() {
        if (System.getProperty(TORCH_THREADS) == null) {
            System.setProperty(TORCH_THREADS, "1");
        }
        if (System.getProperty(TORCH_INTEROP_THREADS) == null) {
            System.setProperty(TORCH_INTEROP_THREADS, "1");
        }
        if (System.getProperty(OPT_OUT_TRACKING) == null) {
            System.setProperty(OPT_OUT_TRACKING, "true");
        }
        if (System.getProperty(OFFLINE) == null) {
            System.setProperty(OFFLINE, "true");
        }
    }

    /** Whether DJL will stay off the network in this JVM: both flags true, as system property or environment. */
    public static boolean isOffline() {
        return isTrue(OPT_OUT_TRACKING, "OPT_OUT_TRACKING") && isTrue(OFFLINE, "DJL_OFFLINE");
    }

    /** The PyTorch engine, started offline. */
    public static Engine pytorch() {
        stayOffline();
        return Engine.getEngine("PyTorch");
    }

    /** The device new arrays land on: the first GPU when the engine has CUDA natives and sees one, else the CPU. */
    public static Device defaultDevice() {
        return pytorch().defaultDevice();
    }

    /**
     * A float as a 0-d array owned by {@code manager}: the way to multiply or divide by a number in anything that
     * is back-propagated. DJL's {@code mul(Number)}, {@code div(Number)}, {@code pow}, {@code maximum} and {@code
     * minimum} wrap the number in an array over a Java buffer and close it at once, yet autograd keeps that array
     * for the backward pass: a garbage collection in between frees the buffer, and the backward reads freed memory
     * (gradients scaled by garbage, or NaN; it broke the bit-for-bit resume test about once in ten runs). This
     * array lives until {@code manager} closes, so keep the backward inside it.
     */
    public static NDArray constant(NDManager manager, float value) {
        return manager.create(value);
    }

    /** A block's parameters in DJL's own stream format, for checkpoints and copies ({@code Block.loadParameters}). */
    public static byte[] parameterBytes(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not serialise the parameters of " + block.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    /** One line for logs and notebooks: engine, its version, the device and the offline state. */
    public static String describe() {
        Engine engine = pytorch();
        return String.format(
                "%s %s on %s (DJL %s, offline: %s)",
                engine.getEngineName(),
                engine.getVersion(),
                engine.defaultDevice(),
                Engine.getDjlVersion(),
                isOffline());
    }

    /**
     * Where the engine's libtorch comes from: the bundled CPU natives, or the folder {@code PYTORCH_LIBRARY_PATH}
     * names (SRPO_LIBTORCH in {@code tools/libtorch.sh}) with its JNI flavour, and the GPUs the engine sees.
     */
    public static String libtorch() {
        String path = System.getenv("PYTORCH_LIBRARY_PATH");
        int gpus = pytorch().getGpuCount();
        String where = path == null || path.isBlank()
                ? "bundled CPU natives (pytorch-native-cpu)"
                : path + " (JNI flavour " + System.getenv().getOrDefault("PYTORCH_FLAVOR", "?") + ")";
        return where + "; GPUs visible: " + gpus;
    }

    private static boolean isTrue(String property, String env) {
        String v = System.getProperty(property);
        return "true".equalsIgnoreCase(v != null ? v : System.getenv(env));
    }
}
