// Co-entity links between items (stored once, read in both directions by the caller).
MATCH (a:Item)-[c:CO_ENTITY]->(b:Item)
RETURN a.id AS a, b.id AS b, c.shared AS shared
