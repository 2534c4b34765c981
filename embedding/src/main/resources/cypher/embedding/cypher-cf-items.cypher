// cypher-cf.cypher's count for the given items only: the evaluator's CTR pairs of one user. The
// items are found by id once, then matched as nodes, so no candidate's id is read per co-liker.
// Items that no co-liker likes return no row (score 0). Parameters: $userId, $items (item ids)
MATCH (asked:Item) WHERE asked.id IN $items
WITH collect(asked) AS asked
MATCH (u:User {id: $userId})-[a:INTERACTED {label: 1}]->(:Item)<-[b:INTERACTED {label: 1}]-(other:User)
WHERE other <> u AND a.split <> 'eval' AND b.split <> 'eval'
WITH asked, other, count(*) AS overlap
MATCH (other)-[c:INTERACTED {label: 1}]->(rec:Item)
WHERE c.split <> 'eval' AND rec IN asked
WITH rec, sum(overlap) AS score
RETURN rec.id AS item, score
