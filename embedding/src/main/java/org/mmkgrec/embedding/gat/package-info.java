/** Attention models over the item co-entity graph: CRM-MAN. */
package org.mmkgrec.embedding.gat;
