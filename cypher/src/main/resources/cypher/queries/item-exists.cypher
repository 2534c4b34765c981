// Parameters: $itemId
MATCH (i:Item {id: $itemId}) RETURN i.id AS id
