package dev.srpo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final Pattern TIMES = Pattern.compile("([0-9.]+) s eta ([0-9.]+) s");

    /** The elapsed and remaining seconds of the bar's last drawing. */
    private static double[] times(ByteArrayOutputStream text) {
        String s = text.toString(StandardCharsets.UTF_8);
        Matcher m = TIMES.matcher(s.substring(s.lastIndexOf('\r') + 1));
        assertTrue(m.find(), s);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void aResumedBarEstimatesTheTimeLeftFromItsOwnWork() throws Exception {
        // 90 of 100 done before this bar started, then 5 more: 5 left take as long as the 5 timed here
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ProgressBar bar =
                new ProgressBar(new PrintStream(text, true, StandardCharsets.UTF_8), "train", 100).startingAt(90);
        Thread.sleep(300);
        bar.update(95, "");
        double[] t = times(text);
        assertTrue(t[0] >= 0.25, "elapsed " + t[0]);
        assertEquals(t[0], t[1], 0.11, "eta equals the elapsed time (one decimal each)");
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("95/100  95%"));

        // counted from zero the same bar would have said a 19th of that
        ByteArrayOutputStream fresh = new ByteArrayOutputStream();
        ProgressBar plain = new ProgressBar(new PrintStream(fresh, true, StandardCharsets.UTF_8), "train", 100);
        Thread.sleep(300);
        plain.update(95, "");
        double[] u = times(fresh);
        assertEquals(u[0] * 5 / 95, u[1], 0.11);
    }

    @Test
    void theLastUpdateEndsTheLineAndANullStreamDrawsNothing() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(text, true, StandardCharsets.UTF_8), "eval", 4);
        bar.update(4, "done");
        String s = text.toString(StandardCharsets.UTF_8);
        assertTrue(s.endsWith("done" + System.lineSeparator()), s);
        assertTrue(s.contains("[" + "#".repeat(30) + "] 4/4 100%"), s);
        new ProgressBar(null, "eval", 4).update(4, "done"); // no stream, no error
    }
}
