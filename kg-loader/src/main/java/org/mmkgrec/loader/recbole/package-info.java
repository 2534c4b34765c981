/**
 * RecBole atomic files in general ({@code .inter .item .user .kg .link}, or the benchmark files
 * {@code .train.inter .valid.inter .test.inter}), with the per-user time and random 8:1:1 splits.
 */
package org.mmkgrec.loader.recbole;
