package dev.srpo.rl;

import dev.srpo.rollout.Rollout;

/**
 * The names of a training run's metrics, one JSONL row per step in {@code metrics.jsonl} (and the columns of
 * {@link Trainer#table}). Stable: notebooks and result files read them by these names. Rates are fractions in
 * [0, 1]; times are seconds. Step 0 is the evaluation before any update.
 */
public final class Metrics {

    private Metrics() {}

    /** The RL step (1-based; 0 for the evaluation before training). */
    public static final String STEP = "step";
    /** Success rate of the step's rollouts, every round included (sampled at the rollout temperature). */
    public static final String ROLLOUT_SUCCESS = "rollout_success";
    /** Rollouts collected in the step, every round included. */
    public static final String ROLLOUTS = "rollouts";
    /** Groups collected. */
    public static final String GROUPS = "groups";
    /** Groups kept by dynamic sampling (those the update used). */
    public static final String GROUPS_KEPT = "groups_kept";
    /**
     * Kept groups without a success: only with the dynamic-sampling window opened below 1/M. With {@code
     * dropEqualRewards} only SRPO keeps such groups, when their task succeeded elsewhere in the step.
     */
    public static final String GROUPS_KEPT_NO_SUCCESS = "groups_kept_no_success";
    /** Groups dropped for too few successes (all failures at M = 8), or, after the reward, for equal rewards. */
    public static final String GROUPS_DROPPED_LOW = "groups_dropped_low";
    /** Groups dropped for too many successes (all successes at M = 8), or, after the reward, for equal rewards. */
    public static final String GROUPS_DROPPED_HIGH = "groups_dropped_high";
    /** Extra collection rounds taken because fewer than {@code minGroups} were kept. */
    public static final String EXTRA_ROUNDS = "extra_rounds";
    /** 1 if no group was kept and the update was skipped, else 0. */
    public static final String UPDATE_SKIPPED = "update_skipped";
    /** Mean reward of the kept rollouts. */
    public static final String REWARD_MEAN = "reward_mean";
    /** Mean reward of the kept failed rollouts (0 for GRPO; SRPO's progress reward). */
    public static final String FAILURE_REWARD_MEAN = "failure_reward_mean";
    /** Every kept failed rollout's reward, in batch order (an array: the step's failure-reward histogram). */
    public static final String FAILURE_REWARDS = "failure_rewards";
    /**
     * The task stage each of those failures ended in, when the environment reports one ({@link #STAGE_INFO} in its
     * step info: the tabletop's goal conditions holding, in order); privileged, for diagnostics only.
     */
    public static final String FAILURE_STAGES = "failure_stages";
    /**
     * Spearman correlation of the kept failures' rewards with their stages: does the reward rank failures by the
     * simulator's own progress? Absent when the stages are unknown or all equal.
     */
    public static final String FAILURE_STAGE_SPEARMAN = "failure_stage_spearman";
    /**
     * Spearman correlation of the kept failures' rewards with the simulator's dense task progress
     * ({@code Rollout.PROGRESS}: stages done plus how near the next one is): the ranking question of
     * {@link #FAILURE_STAGE_SPEARMAN} for tasks of one stage too. Absent when the progress is unknown or all equal.
     */
    public static final String FAILURE_PROGRESS_SPEARMAN = "failure_progress_spearman";
    /** The step-info key of the task stage ({@code TabletopEnv.INFO_STAGE}). */
    public static final String STAGE_INFO = Rollout.STAGE;
    /** Largest reward of a kept failed rollout. */
    public static final String FAILURE_REWARD_MAX = "failure_reward_max";
    /** Clusters DBSCAN found among the successes, summed over the step's tasks. */
    public static final String CLUSTERS = "clusters";
    /** Tasks of the step whose reference fell back (no cluster: the mean of the successes). */
    public static final String FALLBACKS = "fallbacks";
    /** Mean advantage of the kept successes. */
    public static final String ADVANTAGE_SUCCESS = "advantage_success";
    /** Mean advantage of the kept failures. */
    public static final String ADVANTAGE_FAILURE = "advantage_failure";
    /** Fraction of kept failures with a positive advantage (a progress reward above the group mean). */
    public static final String FAILURES_POSITIVE = "failures_positive";
    /** Mean |advantage| of the kept rollouts. */
    public static final String ADVANTAGE_ABS = "advantage_abs";
    /** Mean PPO surrogate loss per valid token. */
    public static final String PG_LOSS = "pg_loss";
    /** Fraction of valid tokens where the clipped term was the smaller (PPO's clip fraction: no gradient there). */
    public static final String CLIP_FRACTION = "clip_fraction";
    /** Mean k3 estimate of KL(π_old ‖ π_θ) per valid token. */
    public static final String APPROX_KL = "approx_kl";
    /** Mean KL to the reference policy (when klBeta &gt; 0). */
    public static final String REF_KL = "ref_kl";
    /** Mean token entropy at the rollout temperature. */
    public static final String ENTROPY = "entropy";
    /** Smallest PPO ratio. */
    public static final String RATIO_MIN = "ratio_min";
    /** Largest PPO ratio. */
    public static final String RATIO_MAX = "ratio_max";
    /** Mean global gradient norm before clipping. */
    public static final String GRAD_NORM = "grad_norm";
    /** Optimizer steps taken. */
    public static final String OPTIMIZER_STEPS = "optimizer_steps";
    /** Samples (chunks) the update saw per epoch. */
    public static final String UPDATE_SAMPLES = "update_samples";
    /** Greedy success over the evaluation states, when evaluated. */
    public static final String EVAL_SUCCESS = "eval_success";
    /** Greedy success per task id, when evaluated (an object). */
    public static final String EVAL_TASKS = "eval_tasks";
    /** Seconds collecting rollouts. */
    public static final String TIME_ROLLOUT = "time_rollout";
    /** Seconds of the policy inside the rollout phase. */
    public static final String TIME_ROLLOUT_POLICY = "time_rollout_policy";
    /** Seconds encoding videos. */
    public static final String TIME_ENCODE = "time_encode";
    /** Seconds computing rewards and advantages. */
    public static final String TIME_REWARD = "time_reward";
    /** Seconds updating the policy. */
    public static final String TIME_UPDATE = "time_update";
    /** Seconds evaluating. */
    public static final String TIME_EVAL = "time_eval";
    /** Seconds of the whole step. */
    public static final String TIME_STEP = "time_step";

    /** A row's share of a run's wall time: the evaluation before training for step 0, the whole step otherwise. */
    public static double wallSeconds(com.fasterxml.jackson.databind.JsonNode row) {
        return row.path(STEP).asInt() == 0
                ? row.path(TIME_EVAL).asDouble()
                : row.path(TIME_STEP).asDouble();
    }

    /** Whether a metric is a wall time (the only values that differ between two runs of one config). */
    public static boolean isTime(String name) {
        return name.startsWith("time_");
    }
}
