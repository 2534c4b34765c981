// A 5-artist Last.FM-like graph for the service tests.
// u1 liked i1 and disliked i5; u2 liked i4. KG: i1, i2, i3 are rock; i1 and i3 come from the uk.
CREATE (u1:User {id: 'u1'}), (u2:User {id: 'u2'}),
       (i1:Item:Entity {id: 'i1', entityId: 'i1', name: 'Alpha', popularity: 1}),
       (i2:Item:Entity {id: 'i2', entityId: 'i2', name: 'Beta', popularity: 0}),
       (i3:Item:Entity {id: 'i3', entityId: 'i3', name: 'Gamma', popularity: 0}),
       (i4:Item:Entity {id: 'i4', entityId: 'i4', name: 'Delta', popularity: 1}),
       (i5:Item:Entity {id: 'i5', entityId: 'i5', name: 'Epsilon', popularity: 0}),
       (rock:Entity {entityId: 'rock', name: 'rock'}), (uk:Entity {entityId: 'uk'}),
       (jazz:Entity {entityId: 'jazz', name: 'jazz'}),
       (u1)-[:INTERACTED {label: 1, split: 'train'}]->(i1),
       (u1)-[:INTERACTED {label: 0, split: 'train'}]->(i5),
       (u2)-[:INTERACTED {label: 1, split: 'train'}]->(i4),
       (i1)-[:`music.artist.genre`]->(rock), (i2)-[:`music.artist.genre`]->(rock), (i3)-[:`music.artist.genre`]->(rock),
       (i1)-[:`music.artist.origin`]->(uk), (i3)-[:`music.artist.origin`]->(uk),
       (i1)-[:CO_ENTITY {shared: 2}]->(i3), (i1)-[:CO_ENTITY {shared: 1}]->(i2)
