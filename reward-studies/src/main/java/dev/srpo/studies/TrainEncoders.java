package dev.srpo.studies;

import dev.srpo.encoder.LatentEncoder;
import dev.srpo.encoder.WorldModelTraining;
import dev.srpo.encoder.WorldModelTraining.Objective;
import dev.srpo.env.Task;
import dev.srpo.io.AtomicFiles;
import dev.srpo.io.ProgressBar;
import dev.srpo.rollout.Video;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the CPU encoders the toolkit ships, on simulator videos disjoint from the benchmark's (initial states
 * 25–49): the world model ({@code world-model}, the embedded runs' default encoder) and the time-blind image
 * embedding ({@code image-ssl}, the benchmark's ImageBind stand-in). Writes {@code NAME.json}, {@code NAME.params}
 * and {@code NAME-loss.csv} to the output folder.
 *
 * <pre>make encoders</pre> or {@code bin/srpo encoders [--out DIR] [--steps N] [--only world-model|image-ssl]}
 */
public final class TrainEncoders {

    private TrainEncoders() {}

    /**
     * Trains the shipped encoders (or only {@code only}: {@code world-model} or {@code image-ssl}) into {@code out}.
     *
     * @param steps training steps, null for the default
     */
    public static void run(Path out, Integer steps, String only) {
        if (steps == null) {
            steps = WorldModelTraining.Config.defaults(Objective.IMAGE).steps();
        }
        List<Video> videos = videos(LabelledSet.Spec.training(3, 1));
        for (Objective objective : Objective.values()) {
            String name = objective == Objective.WORLD_MODEL ? "world-model" : "image-ssl";
            if (only != null && !only.equals(name)) {
                continue; // only the named one
            }
            WorldModelTraining.Config config =
                    WorldModelTraining.Config.defaults(objective).withSteps(steps);
            ProgressBar bar = new ProgressBar(System.err, name, steps);
            WorldModelTraining.Result result = WorldModelTraining.train(
                    name, config, videos, (step, total, loss) -> bar.update(step, String.format("loss %.3f", loss)));
            try (LatentEncoder encoder = result.encoder()) {
                encoder.save(out);
            }
            StringBuilder csv = new StringBuilder("step,loss\n");
            for (int i = 0; i < result.losses().length; i++) {
                csv.append(i + 1).append(',').append(result.losses()[i]).append('\n');
            }
            AtomicFiles.write(out.resolve(name + "-loss.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
            System.out.printf(
                    "%s: %d steps in %.0f s, loss %.3f → %.3f, written to %s%n",
                    name,
                    steps,
                    result.seconds(),
                    result.losses()[0],
                    result.losses()[steps - 1],
                    out.resolve(name + ".params"));
        }
    }

    /** The training videos: every task's labelled trajectories under {@code spec}. */
    static List<Video> videos(LabelledSet.Spec spec) {
        LabelledSet set = new LabelledSet(spec);
        List<Task> tasks = ProgressBenchmark.tasks(10);
        List<Video> videos = new ArrayList<>();
        ProgressBar bar = new ProgressBar(System.err, "videos", tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            for (LabelledTrajectory t : set.task(tasks.get(i))) {
                videos.add(t.video());
            }
            bar.update(i + 1, tasks.get(i).id());
        }
        System.out.printf(
                "%d training videos, %d frames%n",
                videos.size(), videos.stream().mapToInt(Video::length).sum());
        return videos;
    }
}
