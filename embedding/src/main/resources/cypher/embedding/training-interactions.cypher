// The training side of the graph, as the evaluator and the training jobs see it. The test part of
// the split is not in the graph at all (kg-loader keeps it in heldout/test.tsv).
MATCH (u:User)-[r:INTERACTED]->(i:Item)
RETURN u.id AS user, i.id AS item, r.label AS label, r.split AS split
