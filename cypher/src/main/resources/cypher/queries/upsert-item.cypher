// Adds an item or updates it: name, text content (with its vector, encoded by the service) and KG
// links. An online item gets the same shape as a loaded one, so it is recommended and found as
// similar at once through its text vector and KG neighbours (cold start). KG links are added,
// never removed. Parameters: $itemId, $name, $text, $contentId, $embedding, $encoder,
// $links [{id, relation}] (entities checked to exist beforehand).
OPTIONAL MATCH (old:Item {id: $itemId})
MERGE (i:Item {id: $itemId})
  ON CREATE SET i.popularity = 0, i.addedOnline = datetime()
SET i.name = coalesce($name, i.name)
WITH i, old
CALL (i) {
  WITH i WHERE $text IS NOT NULL
  MERGE (c:Content {id: $contentId})
  SET c.modality = 'text', c.text = $text, c.embedding = $embedding, c.dim = size($embedding), c.encoder = $encoder
  MERGE (i)-[:HAS_TEXT]->(c)
}
CALL (i) {
  UNWIND $links AS link
  MATCH (e:Entity {entityId: link.id})
  MERGE (i)-[:$(link.relation)]->(e)
}
RETURN old IS NULL AS created
