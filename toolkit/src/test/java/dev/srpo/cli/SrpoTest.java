package dev.srpo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.SrpoToolkit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class SrpoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Srpo.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void infoShowsVersionAndEngine() {
        assertEquals(0, run("info"));
        String text = out.toString();
        assertTrue(text.contains("SRPO Lab toolkit " + SrpoToolkit.version()), text);
        assertTrue(text.contains("PyTorch 2.7.1"), text);
        assertTrue(text.contains("offline: true"), text);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("trian"));
        assertTrue(err.toString().contains("unknown command 'trian'"), err.toString());
        assertTrue(err.toString().contains("usage: srpo"), err.toString());
    }
}
