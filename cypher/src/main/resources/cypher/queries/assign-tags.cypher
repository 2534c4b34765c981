// Records one user's tag assignment on an item (POST /api/v1/tags) in the caller's transaction, after
// the item's existence and the event id were checked: the tags join the user's post on the item
// (TAGGED, created with today's date), and each tag NEW to the post adds one to the item's TAGGED_WITH
// count and the user's USED_TAG count (created at 1), as one loaded (user, item, tag) use does; a tag
// already in the post changes no count. A new user is created; a tag not in the graph yet is created
// with the given id and name. The event is stored (unique eventId, schema.cypher) so a repeat
// changes nothing. Parameters: $eventId, $userId, $itemId, $requested (the strings as sent),
// $tags [{id, name}] (resolved, without repeats).
MATCH (i:Item {id: $itemId})
OPTIONAL MATCH (:User {id: $userId})-[old:TAGGED]->(i)
WITH i, coalesce(head(collect(old.tags)), []) AS had
WITH i, had, [t IN $tags WHERE NOT t.id IN had] AS fresh
MERGE (u:User {id: $userId})
MERGE (u)-[p:TAGGED]->(i)
  ON CREATE SET p.day = date()
SET p.tags = had + [t IN fresh | t.id]
WITH u, i, fresh
CALL (u, i, fresh) {
  UNWIND fresh AS f
  MERGE (t:Tag {id: f.id})
    ON CREATE SET t.name = f.name, t.addedOnline = datetime()
  MERGE (i)-[tw:TAGGED_WITH]->(t)
    ON CREATE SET tw.count = 0
  SET tw.count = tw.count + 1
  MERGE (u)-[ut:USED_TAG]->(t)
    ON CREATE SET ut.count = 0
  SET ut.count = ut.count + 1
}
CREATE (:TagEvent {eventId: $eventId, userId: $userId, itemId: $itemId, requested: $requested,
                   tags: [t IN $tags | t.id], at: datetime()})
RETURN [t IN fresh | t.id] AS added
