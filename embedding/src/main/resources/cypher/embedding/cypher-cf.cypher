// "Users who liked what you liked also liked": the plain collaborative-filtering query of Neo4j's
// recommendation guides, used as a baseline scorer. Score of an item = number of paths
// user -liked-> item <-liked- other -liked-> candidate, over the training part (the eval part is
// kept for calibration, as for every model). Aggregating the co-likers first (overlap per other
// user) gives the same count for every unseen candidate without enumerating each path, which on
// ML-100K is millions of rows per user; summing per candidate node before reading its id reads the
// id once per candidate, not once per co-liker that likes it. Parameters: $userId
MATCH (u:User {id: $userId})-[a:INTERACTED {label: 1}]->(:Item)<-[b:INTERACTED {label: 1}]-(other:User)
WHERE other <> u AND a.split <> 'eval' AND b.split <> 'eval'
WITH other, count(*) AS overlap
MATCH (other)-[c:INTERACTED {label: 1}]->(rec:Item)
WHERE c.split <> 'eval'
WITH rec, sum(overlap) AS score
RETURN rec.id AS item, score
