// Records one interaction, idempotently by its event id (unique, schema.cypher): a repeated event
// changes nothing and reports the stored one. A new user is created on its first interaction; the
// item must exist. Online interactions carry split 'online' (training reads them as training data).
// Parameters: $eventId, $userId, $itemId, $label (0/1), $rating, $timestamp.
OPTIONAL MATCH (su:User)-[old:INTERACTED {eventId: $eventId}]->(si:Item)
CALL (old) {
  WITH old WHERE old IS NULL
  MATCH (i:Item {id: $itemId})
  MERGE (u:User {id: $userId})
  CREATE (u)-[r:INTERACTED {eventId: $eventId, label: $label, rating: $rating, timestamp: $timestamp, split: 'online'}]->(i)
  SET i.popularity = coalesce(i.popularity, 0) + $label
  RETURN count(r) AS written
}
RETURN old IS NULL AS created, written, su.id AS storedUser, si.id AS storedItem
