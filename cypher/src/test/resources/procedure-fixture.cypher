// 9 nodes: u1 liked i1 and disliked i5; u2 liked i1 and i2. i1, i2, i3 are rock; i1 and i3 come
// from the uk; i1 and i3 share 2 entities (co-entity link); i3 and i4 are tagged britpop.
CREATE (u1:User {id: 'u1'}), (u2:User {id: 'u2'}),
       (i1:Item:Entity {id: 'i1', entityId: 'i1', name: 'Alpha', popularity: 2}),
       (i2:Item:Entity {id: 'i2', entityId: 'i2', name: 'Beta', popularity: 1}),
       (i3:Item:Entity {id: 'i3', entityId: 'i3', name: 'Gamma', popularity: 0}),
       (i4:Item:Entity {id: 'i4', entityId: 'i4', name: 'Delta', popularity: 0}),
       (i5:Item:Entity {id: 'i5', entityId: 'i5', name: 'Epsilon', popularity: 0}),
       (rock:Entity {entityId: 'rock', name: 'rock'}), (uk:Entity {entityId: 'uk'}),
       (britpop:Tag {id: 't1', name: 'britpop'}),
       (u1)-[:INTERACTED {label: 1, split: 'train'}]->(i1),
       (u1)-[:INTERACTED {label: 0, split: 'train'}]->(i5),
       (u2)-[:INTERACTED {label: 1, split: 'train'}]->(i1),
       (u2)-[:INTERACTED {label: 1, split: 'train'}]->(i2),
       (i1)-[:`music.artist.genre`]->(rock), (i2)-[:`music.artist.genre`]->(rock), (i3)-[:`music.artist.genre`]->(rock),
       (i1)-[:`music.artist.origin`]->(uk), (i3)-[:`music.artist.origin`]->(uk),
       (i1)-[:CO_ENTITY {shared: 2}]->(i3),
       (i3)-[:TAGGED_WITH {count: 3}]->(britpop), (i4)-[:TAGGED_WITH {count: 1}]->(britpop)
