// The tag protocol's posts: each user's tags on one item, with the day of the first assignment.
MATCH (u:User)-[p:TAGGED]->(i:Item)
RETURN u.id AS user, i.id AS item, p.tags AS tags, p.day AS day
