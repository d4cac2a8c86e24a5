/**
 * Datasets: demonstrations and labelled trajectories on disk, their readers and writers, and LIBERO's
 * HDF5 demonstration files.
 */
package dev.srpo.data;
