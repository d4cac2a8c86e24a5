package dev.srpo.studies;

import dev.srpo.env.Task;
import dev.srpo.rollout.Video;

/**
 * One trajectory of the labelled set: its video (every frame from reset on, like the released SRPO code records)
 * and what the simulator knows about it.
 *
 * <p>What it adds over {@code rollout.Rollout}: who acted (an expert, interrupted or noisy, not the policy), the
 * perturbation, and the ground-truth stage at every frame, which the progress benchmark scores rewards against;
 * it has no tokens or log-probs (nothing is trained on it). Embedded, it becomes a {@code reward.TrajectoryEmbedding}.
 *
 * @param task the task
 * @param initialState the initial-state index
 * @param policy who acted, e.g. {@code expert σ=0.10} or {@code interrupted expert at 40%}
 * @param variant the LIBERO-Plus variant id it ran under, or {@code null} for the unperturbed task
 * @param success whether the task was done
 * @param video the agentview frames
 * @param stages the true task stage (goal conditions holding, in order) at every frame
 */
public record LabelledTrajectory(
        Task task, int initialState, String policy, String variant, boolean success, Video video, int[] stages) {

    public LabelledTrajectory {
        if (stages.length != video.length()) {
            throw new IllegalArgumentException(
                    "a stage per frame: " + stages.length + " stages for " + video.length() + " frames");
        }
    }
}
