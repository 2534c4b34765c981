// FastRP vectors of the co-entity projection: first- and second-order neighbourhoods, weighted by
// shared entities. Parameters: $graph, $dimension, $seed
CALL gds.fastRP.stream($graph, {embeddingDimension: $dimension, randomSeed: $seed, concurrency: 1,
    relationshipWeightProperty: 'shared', iterationWeights: [0.0, 1.0, 1.0]})
YIELD nodeId, embedding
RETURN gds.util.asNode(nodeId).id AS id, embedding
