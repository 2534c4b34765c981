// The graph FastRP embeds: liked user-item pairs of the training part plus the KG around the
// items, undirected. Parameters: $graph
CALL {
  MATCH (s:User)-[r:INTERACTED {label: 1}]->(t:Item) WHERE r.split <> 'eval' RETURN s, t
  UNION ALL
  MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) <> 'CO_ENTITY' RETURN s, t
}
WITH gds.graph.project($graph, s, t, {}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
