package dev.srpo.rollout;

import dev.srpo.env.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Observations spilled to a file and read back one at a time, so that training on a buffer needs memory for a
 * mini-batch of frames, not for all of them: LIBERO-Object's four-times buffer holds 75 k chunks, 8 GB of 192×192
 * frames. Reads go through the operating system's page cache, which keeps what fits in memory and drops the rest.
 *
 * <p>A scratch file for one process: written, then read in any order, {@link #clear cleared} and written again;
 * {@link #close} deletes it (a killed process leaves it, and the next {@link #create} of the same path overwrites it).
 * Not for concurrent use.
 */
public final class ObservationFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private long[] offsets = new long[1024];
    private int size;
    private long end;

    private ObservationFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Starts an empty file at {@code file}, replacing what is there.
     *
     * @throws UncheckedIOException naming the file if it cannot be made
     */
    public static ObservationFile create(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new ObservationFile(
                    file,
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the observation file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Observations written so far. */
    public int size() {
        return size;
    }

    /** Forgets every observation and empties the file. */
    public void clear() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + file + ": " + e.getMessage(), e);
        }
        size = 0;
        end = 0;
    }

    /**
     * Writes one observation at the end.
     *
     * @return its index for {@link #read}
     */
    public int append(Observation o) {
        byte[] instruction = o.instruction().getBytes(StandardCharsets.UTF_8);
        boolean wrist = o.wrist() != null;
        int frame = o.agentview().length;
        ByteBuffer b = ByteBuffer.allocate(
                5 * Integer.BYTES + instruction.length + 4 * o.proprio().length + frame * (wrist ? 2 : 1));
        b.putInt(o.width()).putInt(o.height()).putInt(wrist ? 1 : 0);
        b.putInt(o.proprio().length).putInt(instruction.length);
        for (float v : o.proprio()) {
            b.putFloat(v);
        }
        b.put(instruction).put(o.agentview());
        if (wrist) {
            b.put(o.wrist());
        }
        b.flip();
        try {
            while (b.hasRemaining()) {
                end += channel.write(b, end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + file + " (is the disk full?): " + e.getMessage(), e);
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * size);
        }
        offsets[size] = end - b.limit();
        return size++;
    }

    /**
     * The observation {@link #append} returned {@code index} for.
     *
     * @throws IndexOutOfBoundsException if no observation has that index
     */
    public Observation read(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("observation " + index + " of " + size + " in " + file);
        }
        long from = offsets[index];
        ByteBuffer b = ByteBuffer.allocate((int) ((index + 1 < size ? offsets[index + 1] : end) - from));
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, from + b.position()) < 0) {
                    throw new IOException("the file ends early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read observation " + index + " from " + file + ": " + e.getMessage(), e);
        }
        b.flip();
        int width = b.getInt();
        int height = b.getInt();
        boolean wrist = b.getInt() == 1;
        float[] proprio = new float[b.getInt()];
        byte[] instruction = new byte[b.getInt()];
        for (int i = 0; i < proprio.length; i++) {
            proprio[i] = b.getFloat();
        }
        b.get(instruction);
        byte[] agentview = new byte[3 * width * height];
        b.get(agentview);
        byte[] wristView = wrist ? new byte[agentview.length] : null;
        if (wrist) {
            b.get(wristView);
        }
        return new Observation(
                agentview, width, height, wristView, proprio, new String(instruction, StandardCharsets.UTF_8));
    }

    /** Closes and deletes the file. */
    @Override
    public void close() {
        try {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the observation file " + file + ": " + e.getMessage(), e);
        }
    }
}
