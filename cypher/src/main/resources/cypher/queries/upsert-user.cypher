// Adds a user or updates its name. Parameters: $userId, $name (null keeps the stored name).
OPTIONAL MATCH (old:User {id: $userId})
MERGE (u:User {id: $userId})
SET u.name = coalesce($name, u.name)
RETURN old IS NULL AS created
