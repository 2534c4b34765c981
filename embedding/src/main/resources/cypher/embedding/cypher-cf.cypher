// "Users who liked what you liked also liked": the plain collaborative-filtering query of Neo4j's
// recommendation guides, used as a baseline scorer. Score = number of co-liking paths.
// Parameters: $userId
MATCH (u:User {id: $userId})-[:INTERACTED {label: 1}]->(:Item)<-[:INTERACTED {label: 1}]-(other:User)
      -[:INTERACTED {label: 1}]->(rec:Item)
WHERE other <> u
RETURN rec.id AS item, count(*) AS score
