// mmkg.recommendTags as the service calls it on a Neo4j server with the plugin (RemoteBackend):
// the rows without the tag node. Parameters: $itemId, $userId (null for none), $k, $config.
CALL mmkg.recommendTags($itemId, $userId, $k, $config)
YIELD tagId, name, score, posted, explanation
RETURN tagId, name, score, posted, explanation
