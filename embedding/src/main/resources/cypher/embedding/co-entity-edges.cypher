// The item co-entity graph (CRM-MAN): every CO_ENTITY link in both orientations (the loader stores
// one relationship per pair, read undirected), with the number of KG entities the two items share.
MATCH (a:Item)-[c:CO_ENTITY]-(b:Item)
RETURN a.id AS source, b.id AS target, c.shared AS shared
