// Every tag of the graph: the tag protocol ranks all of them.
MATCH (t:Tag)
RETURN t.id AS id, coalesce(t.name, t.id) AS name
