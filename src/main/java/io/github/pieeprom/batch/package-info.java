/**
 * A fleet's firmware from a CSV manifest: {@link io.github.pieeprom.batch.BatchInputs#read} reads the manifest and
 * what it names, {@link io.github.pieeprom.batch.BatchPlan} works out each row's
 * {@link io.github.pieeprom.batch.RowOutcome} and the distinct images, and
 * {@link io.github.pieeprom.batch.BatchWriter} writes them into a folder or an archive, all or nothing.
 */
package io.github.pieeprom.batch;
