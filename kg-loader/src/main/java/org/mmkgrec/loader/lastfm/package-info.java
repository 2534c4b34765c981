/**
 * KGCN-format directories: the KGCN papers' Last.FM + Satori files (and any directory laid out like
 * them), with the stored or redrawn kgcn / mcclk splits and HetRec's user tags.
 */
package org.mmkgrec.loader.lastfm;
