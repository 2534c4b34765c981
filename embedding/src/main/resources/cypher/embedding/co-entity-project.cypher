// The co-entity graph as a GDS projection for structural initial vectors: every item (isolated ones
// too), CO_ENTITY links undirected (one relationship per pair in the store) and weighted by the
// shared entity count. Parameters: $graph
MATCH (a:Item)
OPTIONAL MATCH (a)-[c:CO_ENTITY]->(b:Item)
WITH gds.graph.project($graph, a, b, {relationshipProperties: {shared: toFloat(coalesce(c.shared, 1))}},
                       {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
