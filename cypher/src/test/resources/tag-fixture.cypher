// Tag recommendation fixture. u1 used rock (t1) twice and indie (t2) once, and posted indie on Alpha.
// Alpha (i1) carries indie x3; its co-entity neighbours are Beta (i2, 2 shared, stored i1 -> i2) and
// Gamma (i3, 1 shared, stored i3 -> i1: read in both directions). Delta (i4) is new: text only.
// Text vectors (2-d): Delta [1, 0]; Eta [0.8, 0.6] (cos 0.8); Beta [0.6, 0.8] (cos 0.6); Theta [0, 1] (cos 0).
CREATE (u1:User {id: 'u1'}), (u2:User {id: 'u2'}),
       (i1:Item:Entity {id: 'i1', entityId: 'i1', name: 'Alpha'}),
       (i2:Item:Entity {id: 'i2', entityId: 'i2', name: 'Beta'}),
       (i3:Item:Entity {id: 'i3', entityId: 'i3', name: 'Gamma'}),
       (i4:Item:Entity {id: 'i4', entityId: 'i4', name: 'Delta'}),
       (i5:Item:Entity {id: 'i5', entityId: 'i5', name: 'Eta'}),
       (i6:Item:Entity {id: 'i6', entityId: 'i6', name: 'Theta'}),
       (t1:Tag {id: 't1', name: 'rock'}), (t2:Tag {id: 't2', name: 'indie'}), (t3:Tag {id: 't3', name: 'jazz'}),
       (t4:Tag {id: 't4', name: 'britpop'}), (t5:Tag {id: 't5', name: 'shoegaze'}),
       (u1)-[:USED_TAG {count: 2}]->(t1), (u1)-[:USED_TAG {count: 1}]->(t2),
       (u1)-[:TAGGED {tags: ['t2'], day: date('2009-01-01')}]->(i1),
       (i1)-[:TAGGED_WITH {count: 3}]->(t2),
       (i2)-[:TAGGED_WITH {count: 2}]->(t3), (i2)-[:TAGGED_WITH {count: 1}]->(t1),
       (i3)-[:TAGGED_WITH {count: 4}]->(t4),
       (i5)-[:TAGGED_WITH {count: 2}]->(t5),
       (i6)-[:TAGGED_WITH {count: 1}]->(t3),
       (i1)-[:CO_ENTITY {shared: 2}]->(i2), (i3)-[:CO_ENTITY {shared: 1}]->(i1),
       (i4)-[:HAS_TEXT]->(:Content {id: 'i4/text', modality: 'text', embedding: [1.0, 0.0]}),
       (i5)-[:HAS_TEXT]->(:Content {id: 'i5/text', modality: 'text', embedding: [0.8, 0.6]}),
       (i2)-[:HAS_TEXT]->(:Content {id: 'i2/text', modality: 'text', embedding: [0.6, 0.8]}),
       (i6)-[:HAS_TEXT]->(:Content {id: 'i6/text', modality: 'text', embedding: [0.0, 1.0]})
