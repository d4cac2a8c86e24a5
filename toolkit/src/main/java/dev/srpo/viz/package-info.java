/**
 * Display helpers for notebooks and reports: camera frames as images, rollouts as animated GIFs, XChart
 * charts as images, Tablesaw tables as HTML. Each returns a plain value the Java kernel can show.
 */
package dev.srpo.viz;
