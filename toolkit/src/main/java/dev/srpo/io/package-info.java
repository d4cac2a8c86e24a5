/**
 * File helpers shared by every stage: atomic writes, so a crash never leaves half a checkpoint or results file;
 * progress bars for long commands; scratch folders that a notebook's small-scale work leaves no trace in.
 */
package dev.srpo.io;
