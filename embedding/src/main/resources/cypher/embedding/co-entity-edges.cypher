// The item co-entity graph (CRM-MAN): both directions of every CO_ENTITY link, with the number of
// KG entities the two items share.
MATCH (a:Item)-[c:CO_ENTITY]->(b:Item)
RETURN a.id AS source, b.id AS target, c.shared AS shared
