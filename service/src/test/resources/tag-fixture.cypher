// Tag recommendation fixture for TagResourceTest. u1 used rock (t1) twice and indie (t2) once and
// posted indie on Alpha. Alpha (i1) carries indie x3; its only co-entity neighbour is Beta (i2, 2
// shared, stored i2 -> i1), which carries jazz x2. Gamma (i3) carries britpop x4. u2 has used no tag.
// Uses over all items: britpop 4, indie 3, jazz 2 (rock is on no item).
CREATE (u1:User {id: 'u1'}), (u2:User {id: 'u2'}),
       (i1:Item:Entity {id: 'i1', entityId: 'i1', name: 'Alpha', popularity: 0}),
       (i2:Item:Entity {id: 'i2', entityId: 'i2', name: 'Beta', popularity: 0}),
       (i3:Item:Entity {id: 'i3', entityId: 'i3', name: 'Gamma', popularity: 0}),
       (t1:Tag {id: 't1', name: 'rock'}), (t2:Tag {id: 't2', name: 'indie'}), (t3:Tag {id: 't3', name: 'jazz'}),
       (t4:Tag {id: 't4', name: 'britpop'}),
       (u1)-[:USED_TAG {count: 2}]->(t1), (u1)-[:USED_TAG {count: 1}]->(t2),
       (u1)-[:TAGGED {tags: ['t2'], day: date('2009-01-01')}]->(i1),
       (i1)-[:TAGGED_WITH {count: 3}]->(t2),
       (i2)-[:TAGGED_WITH {count: 2}]->(t3),
       (i3)-[:TAGGED_WITH {count: 4}]->(t4),
       (i2)-[:CO_ENTITY {shared: 2}]->(i1)
