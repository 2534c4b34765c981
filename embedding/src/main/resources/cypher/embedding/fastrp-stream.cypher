// FastRP embeddings of users and items. Parameters: $graph, $dimension, $seed
CALL gds.fastRP.stream($graph, {embeddingDimension: $dimension, randomSeed: $seed, concurrency: 1,
                                iterationWeights: [0.0, 1.0, 1.0, 0.5]})
YIELD nodeId, embedding
WITH gds.util.asNode(nodeId) AS n, embedding
WHERE n:User OR n:Item
RETURN CASE WHEN n:User THEN 'user' ELSE 'item' END AS kind, n.id AS id, embedding
