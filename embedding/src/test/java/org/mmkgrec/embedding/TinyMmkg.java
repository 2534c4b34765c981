package org.mmkgrec.embedding;

import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A multimodal KG small enough to reason about: items i1..i3 (group A) and i4..i6 (group B); each
 * item is a KG entity with a genre (gA or gB) and a 4-d text vector typical of its group; items of
 * a group are linked by CO_ENTITY (they share their genre; one relationship per pair, as the loader
 * stores them); users u1..u3 like two items of group A
 * and dislike one of group B, users u4..u6 the other way round. Without {@code informative} content
 * every item has the same text vector and there are no CO_ENTITY links, so only the interactions
 * (and the KG) tell the groups apart.
 */
public final class TinyMmkg {
    private TinyMmkg() {}

    public static void create(GraphDatabaseService db) {
        create(db, true);
    }

    public static void create(GraphDatabaseService db, boolean informative) {
        db.executeTransactionally("""
                CREATE (:Entity {entityId: 'gA'}), (:Entity {entityId: 'gB'})
                WITH count(*) AS done
                UNWIND range(1, 6) AS u CREATE (:User {id: 'u' + u})
                WITH count(*) AS done
                UNWIND range(1, 6) AS i
                MATCH (g:Entity {entityId: CASE WHEN i <= 3 THEN 'gA' ELSE 'gB' END})
                CREATE (item:Item:Entity {id: 'i' + i, entityId: 'e' + i})-[:`music.artist.genre`]->(g)
                CREATE (item)-[:HAS_TEXT]->(:Content {id: 'i' + i + '/text', modality: 'text',
                        embedding: CASE WHEN NOT $informative THEN [0.5, 0.5, 0.5, 0.5]
                                        WHEN i <= 3 THEN [1.0, 0.9, 0.0, 0.1] ELSE [0.0, 0.1, 1.0, 0.9] END})""",
                java.util.Map.of("informative", informative));
        db.executeTransactionally(informative ? """
                MATCH (a:Item)-[:`music.artist.genre`]->(g)<-[:`music.artist.genre`]-(b:Item) WHERE a.id < b.id
                CREATE (a)-[:CO_ENTITY {shared: 1}]->(b)""" : "RETURN 1");
        db.executeTransactionally("""
                UNWIND [[1,1,1],[1,2,1],[2,2,1],[2,3,1],[3,1,1],[3,3,1],[4,4,1],[4,5,1],[5,5,1],[5,6,1],[6,4,1],[6,6,1],
                        [1,4,0],[2,5,0],[3,6,0],[4,1,0],[5,2,0],[6,3,0]] AS p
                MATCH (u:User {id: 'u' + p[0]}), (i:Item {id: 'i' + p[1]})
                CREATE (u)-[:INTERACTED {label: p[2], split: 'train'}]->(i)""");
    }
}
