// Knowledge-graph recommendations for one user, each with the KG paths that explain it.
// Candidates are items two KG hops away from an item the user liked (seed -> shared entity ->
// candidate), never an item the user has already interacted with. A path through entity e weighs
// 1 / ln(2 + degree(e)): sharing a rare entity (a niche genre) says more than sharing a hub (a
// country), the IDF idea. An item's score is the sum of its path weights.
// Only INTERACTED relationships of the training side exist in the graph (no leakage by design).
// Parameters: $userId, $k, $maxPaths (explanations per item), $excludeSeen.
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[x:INTERACTED]->(s:Item)
WITH u, collect(s) AS seen, collect(CASE WHEN x.label = 1 THEN s END) AS liked
UNWIND liked AS seed
MATCH (seed)-[r1]-(e:Entity)-[r2]-(cand:Item)
WHERE type(r1) <> 'CO_ENTITY' AND type(r2) <> 'CO_ENTITY' AND cand <> seed
  AND (NOT $excludeSeen OR NOT cand IN seen)
WITH cand, seed, r1, e, r2, 1.0 / log(2.0 + COUNT { (e)--() }) AS w
WITH cand, sum(w) AS score,
     collect({w: w, seed: seed, r1: r1, e: e, r2: r2}) AS paths
ORDER BY score DESC, cand.id ASC
LIMIT $k
CALL {
  WITH paths
  UNWIND paths AS p
  WITH p ORDER BY p.w DESC, p.seed.id ASC, p.e.entityId ASC
  LIMIT $maxPaths
  RETURN collect({
    weight: p.w,
    seedId: p.seed.id, seedName: p.seed.name,
    relation1: type(p.r1), forward1: startNode(p.r1) = p.seed,
    entityId: p.e.entityId, entityName: coalesce(p.e.name, p.e.entityId), entityIsItem: p.e:Item, entityItemId: p.e.id,
    relation2: type(p.r2), forward2: startNode(p.r2) = p.e
  }) AS explanations
}
RETURN cand.id AS itemId, cand.name AS name, score, explanations
