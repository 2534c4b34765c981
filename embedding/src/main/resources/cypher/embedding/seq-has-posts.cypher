// Whether the graph holds tag posts (TAGGED): the sequential protocol then reads a user's sequence
// from them (an item enters when the user first tags it). No parameters.
OPTIONAL MATCH ()-[p:TAGGED]->()
WITH p LIMIT 1
RETURN p IS NOT NULL AS posts
