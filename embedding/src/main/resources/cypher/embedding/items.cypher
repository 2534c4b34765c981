MATCH (i:Item) RETURN i.id AS id ORDER BY id
