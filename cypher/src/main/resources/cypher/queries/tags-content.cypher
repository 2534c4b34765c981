// The candidates of the CONTENT source of the tag recommender (TagRecommender), for an item with
// no tags of its own: the items nearest to its text vector by the native vector index that do have
// tags, with their text vectors (the recommender ranks them by the exact cosine: the index's scores
// may be approximate, e.g. quantized). $candidates nodes are asked for, more than the recommender
// keeps, since some nearest items may have no tags. Parameters: $index, $vector, $candidates, $itemId.
CALL db.index.vector.queryNodes($index, $candidates, $vector) YIELD node
MATCH (other:Item)-[:HAS_TEXT]->(node)
WHERE other.id <> $itemId AND EXISTS { (other)-[:TAGGED_WITH]->(:Tag) }
RETURN other, node.embedding AS embedding
