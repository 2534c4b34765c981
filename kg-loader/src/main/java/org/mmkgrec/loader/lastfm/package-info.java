/**
 * The KGCN papers' Last.FM + Satori files, with the stored splits and HetRec's user tags.
 */
package org.mmkgrec.loader.lastfm;
