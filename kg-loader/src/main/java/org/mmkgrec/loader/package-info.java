/**
 * Files to multimodal KG. {@code LoadConfig} says what to load; {@code LoadJob} reads it through
 * {@code DatasetReaders} into a buffer, keeps the test part in the {@code HeldOutFile}, encodes text
 * ({@code ContentEncoding}) and hands the rest to the graph writer, fingerprinted by {@code InputFingerprint}.
 */
package org.mmkgrec.loader;
