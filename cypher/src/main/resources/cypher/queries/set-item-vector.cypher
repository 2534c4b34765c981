// Sets an item's vector in a model version: the node property the version names. Parameters:
// $itemId, $property (the version's `property`, read from its ModelVersion node), $vector.
MATCH (i:Item {id: $itemId})
SET i[$property] = $vector
