/**
 * Precomputed feature vectors of any modality ({@code .npy}, delimited text), dimension-checked.
 */
package org.mmkgrec.loader.vectors;
