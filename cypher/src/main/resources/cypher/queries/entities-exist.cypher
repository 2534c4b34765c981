// Which of $ids are KG entity ids. Parameters: $ids.
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {entityId: id})
RETURN id, e IS NOT NULL AS found
