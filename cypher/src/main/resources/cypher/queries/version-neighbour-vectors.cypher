// The active model version's vectors of an item's neighbours, for giving an item added online a
// vector until the next training: items sharing a KG entity with it, and the items nearest to its
// text vector. Parameters: $itemId, $textVector (null when the item has no text), $k.
MATCH (v:ModelVersion {active: true})
MATCH (i:Item {id: $itemId})
CALL (i, v) {
  MATCH (i)-[r]-(:Entity)-[r2]-(o:Item)
  WHERE o <> i AND NOT r:CO_ENTITY AND NOT r2:CO_ENTITY AND o[v.property] IS NOT NULL
  RETURN DISTINCT o
  LIMIT 50
  UNION
  CALL db.index.vector.queryNodes('mmkg_text_vectors', $k, $textVector) YIELD node
  WHERE $textVector IS NOT NULL
  MATCH (o:Item)-[:HAS_TEXT]->(node)
  WHERE o <> i AND o[v.property] IS NOT NULL
  RETURN o
}
RETURN v.property AS property, collect(o[v.property]) AS vectors
