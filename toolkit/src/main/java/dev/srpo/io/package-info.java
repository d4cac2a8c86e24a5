/**
 * File helpers shared by every stage: atomic writes, so a crash never leaves half a checkpoint or results file.
 */
package dev.srpo.io;
