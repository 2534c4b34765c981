// The plain Cypher collaborative-filtering query ("users who liked what you liked also liked"),
// served as model=cypher-cf beside the hybrid recommender, and the load benchmark's reference.
// Score of an item = sum over co-likers v of overlap(u, v). Parameters: $userId, $k, $excludeSeen.
MATCH (u:User {id: $userId})-[:INTERACTED {label: 1}]->(:Item)<-[:INTERACTED {label: 1}]-(other:User)
WHERE other <> u
WITH u, other, count(*) AS overlap
MATCH (other)-[:INTERACTED {label: 1}]->(rec:Item)
WHERE NOT $excludeSeen OR NOT EXISTS { (u)-[:INTERACTED]->(rec) }
WITH rec, sum(overlap) AS score
RETURN rec.id AS itemId, rec.name AS name, score
ORDER BY score DESC, itemId ASC
LIMIT $k
