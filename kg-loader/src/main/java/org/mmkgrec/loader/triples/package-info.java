/**
 * Tab-separated triples and item-to-entity link files.
 */
package org.mmkgrec.loader.triples;
