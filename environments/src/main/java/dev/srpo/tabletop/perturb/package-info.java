/**
 * LIBERO-Plus's perturbation space for the tabletop simulator: the seven {@link dev.srpo.tabletop.perturb.Dimension}s
 * and their parameters ({@link dev.srpo.tabletop.perturb.Perturbation}), image corruptions ({@link
 * dev.srpo.tabletop.perturb.SensorNoise}), instruction paraphrases ({@link dev.srpo.tabletop.perturb.Paraphrases})
 * and a seeded generator of leveled task variants ({@link dev.srpo.tabletop.perturb.VariantGenerator}).
 */
package dev.srpo.tabletop.perturb;
