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
 * <pre>make encoders</pre> or {@code java -cp ... dev.srpo.studies.TrainEncoders [out-dir] [steps] [world-model|image-ssl]}
 */
public final class TrainEncoders {

    private TrainEncoders() {}

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "datasets/world-model");
        int steps = args.length > 1
                ? Integer.parseInt(args[1])
                : WorldModelTraining.Config.defaults(Objective.IMAGE).steps();
        List<Video> videos = videos(LabelledSet.Spec.training(3, 1));
        for (Objective objective : Objective.values()) {
            String name = objective == Objective.WORLD_MODEL ? "world-model" : "image-ssl";
            if (args.length > 2 && !args[2].equals(name)) {
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
