package dev.srpo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build facts of the toolkit jar: its version and the DJL / libtorch versions it was built against. */
public final class SrpoToolkit {

    private static final Properties BUILD = load();

    private SrpoToolkit() {}

    /** The toolkit's version, e.g. {@code 0.1.0}. */
    public static String version() {
        return BUILD.getProperty("version");
    }

    /** The DJL version the toolkit was built against. */
    public static String djlVersion() {
        return BUILD.getProperty("djl.version");
    }

    /** The libtorch version whose CPU natives ship on the toolkit's classpath. */
    public static String pytorchVersion() {
        return BUILD.getProperty("pytorch.version");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = SrpoToolkit.class.getResourceAsStream("toolkit.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "toolkit.properties is missing from the toolkit jar: rebuild it with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read toolkit.properties", e);
        }
        return p;
    }
}
