/**
 * Vision-language-action policies: the {@code VlaPolicy} interface, action tokenisation (256 bins per
 * dimension), the default DJL model, and supervised fine-tuning from demonstrations.
 */
package dev.srpo.policy;
