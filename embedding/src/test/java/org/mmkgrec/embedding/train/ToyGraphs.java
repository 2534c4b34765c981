package org.mmkgrec.embedding.train;

import java.nio.file.Path;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;

/** Small graphs the multimodal model tests share. */
public final class ToyGraphs {
    private ToyGraphs() {}

    /** Two groups (u1..u3 like i1..i3, u4..u6 like i4..i6) with 4-d text and a genre entity per group. */
    public static GraphStore twoGroupsWithTextAndKg(Path home) {
        GraphStore s = GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m"));
        s.db().executeTransactionally("""
                UNWIND range(1, 6) AS u CREATE (:User {id: 'u' + u})
                WITH count(*) AS done
                CREATE (:Entity {entityId: 'g1'}), (:Entity {entityId: 'g2'})
                WITH count(*) AS done
                UNWIND range(1, 6) AS i
                MATCH (g:Entity {entityId: CASE WHEN i <= 3 THEN 'g1' ELSE 'g2' END})
                CREATE (item:Item:Entity {id: 'i' + i, entityId: 'e' + i})-[:HAS_TEXT]->(:Content {id: 'i' + i + '/text',
                        modality: 'text', embedding: CASE WHEN i <= 3 THEN [1.0, 0.9, 0.0, 0.1] ELSE [0.0, 0.1, 1.0, 0.9] END}),
                       (item)-[:GENRE]->(g)""");
        s.db().executeTransactionally("""
                UNWIND [[1,1],[1,2],[2,2],[2,3],[3,1],[3,3],[4,4],[4,5],[5,5],[5,6],[6,4],[6,6]] AS p
                MATCH (u:User {id: 'u' + p[0]}), (i:Item {id: 'i' + p[1]})
                CREATE (u)-[:INTERACTED {label: 1, split: 'train'}]->(i)""");
        return s;
    }

}
