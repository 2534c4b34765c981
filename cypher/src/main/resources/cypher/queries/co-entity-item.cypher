// Recomputes the co-entity links (CRM-MAN) of one item after an online update: linked to every
// item it shares more than S_m KG entities with (S_m as loaded, on the Dataset node), the link
// pointing from the smaller to the larger id as the loader writes it. Parameters: $itemId.
MATCH (i:Item {id: $itemId})
OPTIONAL MATCH (d:Dataset)
WITH i, coalesce(max(d.coEntityThreshold), 0) AS sm
MATCH (i)-[r1]-(e:Entity)-[r2]-(o:Item)
WHERE o <> i AND NOT r1:CO_ENTITY AND NOT r2:CO_ENTITY
WITH i, o, sm, count(DISTINCT e) AS shared
WHERE shared > sm
CALL (i, o, shared) {
  WITH i, o, shared WHERE i.id < o.id
  MERGE (i)-[c:CO_ENTITY]->(o) SET c.shared = shared
}
CALL (i, o, shared) {
  WITH i, o, shared WHERE o.id < i.id
  MERGE (o)-[c:CO_ENTITY]->(i) SET c.shared = shared
}
RETURN count(o) AS links
