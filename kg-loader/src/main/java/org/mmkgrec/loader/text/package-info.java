/**
 * Offline text encoding (MiniLM, 384-d) for the text modality and for online cold-start items.
 */
package org.mmkgrec.loader.text;
