/**
 * The {@code srpo} command: {@code bin/srpo} starts it with DJL kept offline.
 */
package dev.srpo.cli;
