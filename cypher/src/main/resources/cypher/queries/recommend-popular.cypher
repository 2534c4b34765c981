// Fallback for users the KG query cannot reach (no liked item with KG neighbours): the items most
// often liked in training (Item.popularity, set by the loader), unseen ones only.
// Parameters: $userId, $k, $excludeSeen.
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[:INTERACTED]->(s:Item)
WITH collect(s) AS seen
MATCH (i:Item)
WHERE i.popularity > 0 AND (NOT $excludeSeen OR NOT i IN seen)
RETURN i.id AS itemId, i.name AS name, toFloat(i.popularity) AS score
ORDER BY score DESC, itemId ASC
LIMIT $k
