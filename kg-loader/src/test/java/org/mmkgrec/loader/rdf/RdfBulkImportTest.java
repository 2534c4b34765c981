package org.mmkgrec.loader.rdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.bench.SyntheticKg;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.GraphDatabaseService;

class RdfBulkImportTest {
    @TempDir
    Path dir;

    @Test
    void importsEntitiesItemsAndTypedRelationshipsThatTheStoreOpens() throws IOException {
        Path nt = dir.resolve("kg.nt");
        Files.writeString(nt, """
                <http://ex.org/a> <http://ex.org/rel/genre> <http://ex.org/rock> .
                <http://ex.org/b> <http://ex.org/rel/genre> <http://ex.org/rock> .
                <http://ex.org/a> <http://ex.org/rel#origin> <http://ex.org/uk> .
                <http://ex.org/a> <urn:mmkg:item> "i1" .
                <http://ex.org/rock> <http://www.w3.org/2000/01/rdf-schema#label> "Rock, \\"loud\\"" .
                <http://ex.org/b> <http://ex.org/year> "1999" .
                """);
        Path home = dir.resolve("store");
        RdfBulkImport.Result r = RdfBulkImport.run(nt, Lang.NTRIPLES, home, dir.resolve("work"), RdfKgReader.ITEM_PREDICATE);
        assertThat(r.entities()).isEqualTo(4);
        assertThat(r.triples()).isEqualTo(3);
        assertThat(r.items()).isEqualTo(1);
        assertThat(r.literalsSkipped()).isEqualTo(1);
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m"))) {
            GraphDatabaseService db = store.db();
            assertThat(rows(db, "MATCH (n:Entity) RETURN count(n) AS c")).containsExactly(Map.of("c", 4L));
            assertThat(rows(db, "MATCH (i:Item:Entity {id: 'i1'}) RETURN i.entityId AS e"))
                    .containsExactly(Map.of("e", "http://ex.org/a"));
            assertThat(rows(db, "MATCH (a {entityId: 'http://ex.org/a'})-[r]->(b) RETURN type(r) AS t, b.entityId AS b ORDER BY t"))
                    .containsExactly(Map.of("t", "genre", "b", "http://ex.org/rock"), Map.of("t", "origin", "b", "http://ex.org/uk"));
            assertThat(rows(db, "MATCH (n:Entity {entityId: 'http://ex.org/rock'}) RETURN n.name AS name"))
                    .containsExactly(Map.of("name", "Rock, \"loud\""));
            // the schema was applied on start: entity ids are unique
            assertThat(rows(db, "SHOW CONSTRAINTS YIELD name WHERE name = 'mmkg_entity_id' RETURN name")).hasSize(1);
        }
    }

    @Test
    void matchesTheGeneratorsCountsAtScale() {
        Path nt = dir.resolve("synthetic.nt");
        long items = SyntheticKg.write(nt, 20_000, 7);
        Path home = dir.resolve("store");
        RdfBulkImport.Result r = RdfBulkImport.run(nt, Lang.NTRIPLES, home, dir.resolve("work"), RdfKgReader.ITEM_PREDICATE);
        assertThat(r.triples()).isEqualTo(20_000);
        assertThat(r.items()).isEqualTo(items);
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m"))) {
            assertThat(rows(store.db(), "MATCH ()-[r]->() RETURN count(r) AS c")).containsExactly(Map.of("c", 20_000L));
            assertThat(rows(store.db(), "MATCH (i:Item) RETURN count(i) AS c")).containsExactly(Map.of("c", items));
        }
    }

    @Test
    void refusesAStoreThatAlreadyHoldsADatabase() throws IOException {
        Path home = dir.resolve("store");
        GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m")).close();
        Path nt = dir.resolve("kg.nt");
        Files.writeString(nt, "<http://ex.org/a> <http://ex.org/r> <http://ex.org/b> .\n");
        assertThatThrownBy(() -> RdfBulkImport.run(nt, Lang.NTRIPLES, home, dir.resolve("work"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs an empty store");
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m"))) {
            assertThat(rows(store.db(), "MATCH (n) RETURN count(n) AS c")).containsExactly(Map.of("c", 0L));
        }
    }

    private static List<Map<String, Object>> rows(GraphDatabaseService db, String query) {
        return db.executeTransactionally(query, Map.of(), r -> {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            r.forEachRemaining(out::add);
            return out;
        });
    }
}
