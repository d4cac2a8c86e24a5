package dev.srpo.eval;

import dev.srpo.env.Task;
import dev.srpo.rollout.Video;

/**
 * One evaluated episode: what a success table needs (task, initial state, outcome, length) and, when recorded, its
 * video. Neighbours: {@code rollout.Rollout} keeps the policy's decisions too (an evaluator collects rollouts
 * greedily and keeps only this); {@code data.Episode} is a demonstration with its actions.
 *
 * @param task the task
 * @param initialState the initial-state index it started from
 * @param success whether it succeeded within the budget
 * @param steps policy steps taken
 * @param video its third-person frames (the first observation, then one per step), or null when not recorded
 */
public record EpisodeResult(Task task, int initialState, boolean success, int steps, Video video) {}
