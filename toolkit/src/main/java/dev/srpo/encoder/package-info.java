/**
 * World-model encoders that turn one trajectory's frames into one embedding: V-JEPA 2 through TorchScript,
 * the small CPU world model, and the paper's pixel and per-frame baselines.
 */
package dev.srpo.encoder;
