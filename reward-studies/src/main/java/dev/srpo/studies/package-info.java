/**
 * Studies of the progress reward on the embedded simulator: the labelled trajectory set, the progress-reward
 * benchmark (paper Table 3) and the training of the CPU world-model encoder the embedded runs use.
 */
package dev.srpo.studies;
