// The most used tags over all items: the GLOBAL source of the tag recommender (TagRecommender),
// read once and cached per database until a commit changes a TAGGED_WITH count (GlobalTags).
// Parameters: $n (how many tags).
MATCH (:Item)-[r:TAGGED_WITH]->(t:Tag)
WITH t, sum(r.count) AS uses
WHERE uses > 0
RETURN t.id AS tagId, coalesce(t.name, t.id) AS name, uses
ORDER BY uses DESC, tagId ASC
LIMIT $n
