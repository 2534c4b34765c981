// The graph FastRP embeds: liked user-item pairs plus the KG around the items, undirected.
// Parameters: $graph
CALL {
  MATCH (s:User)-[:INTERACTED {label: 1}]->(t:Item) RETURN s, t
  UNION ALL
  MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) <> 'CO_ENTITY' RETURN s, t
}
WITH gds.graph.project($graph, s, t, {}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
