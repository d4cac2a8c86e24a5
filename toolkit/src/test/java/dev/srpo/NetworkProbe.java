package dev.srpo;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/**
 * Run in a JVM of its own by {@link DjlOfflineTest}: starts DJL's default engine and prints one
 * {@code CONNECT <url>} line for every http(s) connection the JVM tried to open. Every such attempt is refused
 * inside the JVM (the probe owns the http and https URL handlers), so nothing leaves the machine even where the
 * network is up. DJL opens its connections with {@code Proxy.NO_PROXY}, so a proxy selector would not see them.
 *
 * <p>Argument {@code toolkit} goes through {@link Engines#pytorch()} first; {@code raw} calls DJL directly with no
 * opt-out set, which shows that the probe does see DJL's start-up traffic.
 */
public final class NetworkProbe {

    public static void main(String[] args) {
        URL.setURLStreamHandlerFactory(protocol -> protocol.equals("http") || protocol.equals("https")
                ? new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL url) throws IOException {
                        return openConnection(url, null);
                    }

                    @Override
                    protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
                        System.out.println("CONNECT " + url);
                        throw new IOException("connection refused by NetworkProbe: " + url);
                    }
                }
                : null);
        if (!"raw".equals(args[0])) {
            Engines.pytorch();
        }
        Engine engine = Engine.getInstance(); // the first start of the default engine is where DJL calls home
        System.out.println("ENGINE " + engine.getEngineName() + " " + engine.getVersion());
    }
}
