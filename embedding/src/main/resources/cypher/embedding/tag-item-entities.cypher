// The KG entities around each item (either direction), not co-entity links, tags or posts: the
// tag models' content tokens. Items without KG links come back with an empty list.
MATCH (i:Item)
OPTIONAL MATCH (i)-[r]-(e:Entity)
  WHERE NOT r:CO_ENTITY AND NOT r:INTERACTED AND NOT r:TAGGED
RETURN i.id AS item, collect(DISTINCT e.entityId) AS entities
