// The sequential protocol's interactions: each user's positive interactions (label 1) that carry a
// timestamp, one row per (user, item) at its first timestamp; the evaluator orders them per user by
// time, then item id. No parameters.
MATCH (u:User)-[r:INTERACTED]->(i:Item)
WHERE r.label = 1 AND r.timestamp IS NOT NULL
RETURN u.id AS user, i.id AS item, min(r.timestamp) AS ts
