/** Knowledge-graph embeddings on DJL: the KG's triples read from the graph ({@link KgData}) and TransE ({@link TransE}). */
package org.mmkgrec.embedding.kg;
