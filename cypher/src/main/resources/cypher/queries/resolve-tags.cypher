// Which tag each requested string names, in request order: the tag with that id; else the tag with
// that name (the smallest id when several share it); else, by its normalised form ($tags[].key, lower
// case, one space between words), the tag with that id (one created online) or that name; null when
// none, and the caller creates a tag with id = key. Parameters: $tags [{raw, key}].
UNWIND range(0, size($tags) - 1) AS at
WITH at, $tags[at] AS t
RETURN at, coalesce(
    COLLECT { MATCH (x:Tag {id: t.raw}) RETURN x.id }[0],
    COLLECT { MATCH (x:Tag {name: t.raw}) RETURN x.id ORDER BY x.id LIMIT 1 }[0],
    COLLECT { MATCH (x:Tag {id: t.key}) RETURN x.id }[0],
    COLLECT { MATCH (x:Tag {name: t.key}) RETURN x.id ORDER BY x.id LIMIT 1 }[0]) AS tagId
ORDER BY at
