/**
 * Writing the MMKG: {@code GraphModel} names labels and types, {@code GraphWriter} writes a buffer step
 * by step through {@code LoadStepRunner} (batches committed with their checkpoint: resumable,
 * exactly once), {@code CoEntityGraph} computes CRM-MAN's co-entity links.
 */
package org.mmkgrec.loader.graph;
