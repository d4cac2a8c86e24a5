package dev.srpo.studies;

import dev.srpo.io.AtomicFiles;
import dev.srpo.io.Provenance;
import dev.srpo.studies.ProgressBenchmark.EncoderResult;
import dev.srpo.studies.ProgressBenchmark.TaskScores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The benchmark's results as a table (one row per encoder, the paper's Table 3 layout), CSV and Markdown. */
public final class BenchmarkTable {

    private static final List<String> METRICS = List.of("SC", "Mono", "MMD", "JS", "SMD", "stage ρ");
    private static final List<ToDoubleFunction<TaskScores>> VALUES = List.of(
            TaskScores::sc,
            TaskScores::mono,
            TaskScores::mmd,
            TaskScores::js,
            TaskScores::smd,
            TaskScores::stageCorrelation);

    private BenchmarkTable() {}

    /** Encoder, the six task-averaged metrics, tasks, successes, failures and encoding seconds. */
    public static Table of(List<EncoderResult> results) {
        Table t = Table.create("Progress-reward benchmark").addColumns(StringColumn.create("encoder"));
        for (String m : METRICS) {
            t.addColumns(DoubleColumn.create(m));
        }
        t.addColumns(
                IntColumn.create("tasks"),
                IntColumn.create("successes"),
                IntColumn.create("failures"),
                DoubleColumn.create("encode s"));
        for (EncoderResult r : results) {
            t.stringColumn("encoder").append(r.encoder());
            for (int i = 0; i < METRICS.size(); i++) {
                t.doubleColumn(METRICS.get(i)).append(round(r.mean(VALUES.get(i)), 3));
            }
            t.intColumn("tasks").append(r.tasks().size());
            t.intColumn("successes")
                    .append(r.tasks().stream().mapToInt(TaskScores::successes).sum());
            t.intColumn("failures")
                    .append(r.tasks().stream().mapToInt(TaskScores::failures).sum());
            t.doubleColumn("encode s").append(round(r.seconds(), 1));
        }
        return t;
    }

    /** The table as GitHub Markdown. */
    public static String markdown(Table t) {
        StringBuilder md = new StringBuilder("|");
        for (String c : t.columnNames()) {
            md.append(' ').append(c).append(" |");
        }
        md.append("\n|");
        for (String c : t.columnNames()) {
            md.append(t.column(c) instanceof StringColumn ? "---|" : "---:|");
        }
        md.append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            md.append('|');
            for (String c : t.columnNames()) {
                md.append(' ').append(t.column(c).getString(r)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Writes {@code base.csv} and {@code base.md} atomically. */
    public static void write(Table t, Path base, String heading) {
        AtomicFiles.write(
                base.resolveSibling(base.getFileName() + ".csv"),
                out -> t.write().csv(out));
        String md = "# " + heading + "\n\n" + markdown(t) + "\n" + Provenance.line(Provenance.of()) + "\n";
        AtomicFiles.write(base.resolveSibling(base.getFileName() + ".md"), md.getBytes(StandardCharsets.UTF_8));
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
