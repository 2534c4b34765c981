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
    void parallelRangesGiveTheSameGraphAsOneParserBlankNodesIncluded() throws IOException {
        Path nt = dir.resolve("synthetic.nt");
        long items = SyntheticKg.write(nt, 20_000, 7);
        // a blank node used at both ends of the file, so the two ranges must agree on it
        String blank = "_:shared <http://ex.org/rel/genre> <http://ex.org/rock> .\n";
        Files.writeString(nt, blank + Files.readString(nt) + "<http://ex.org/z> <http://ex.org/rel/near> _:shared .\n");
        long[] bounds = RdfBulkImport.lineAlignedBounds(nt, 3);
        byte[] bytes = Files.readAllBytes(nt);
        assertThat(bounds[0]).isZero();
        assertThat(bounds[3]).isEqualTo(bytes.length);
        for (int k = 1; k < 3; k++) {
            assertThat(bytes[(int) bounds[k] - 1]).as("range %d starts after a line break", k).isEqualTo((byte) '\n');
        }
        Map<String, Object> one = summary(RdfBulkImport.run(nt, Lang.NTRIPLES, dir.resolve("one"), dir.resolve("w1"), RdfKgReader.ITEM_PREDICATE, 1),
                dir.resolve("one"));
        Map<String, Object> three = summary(RdfBulkImport.run(nt, Lang.NTRIPLES, dir.resolve("three"), dir.resolve("w3"), RdfKgReader.ITEM_PREDICATE, 3),
                dir.resolve("three"));
        assertThat(three).isEqualTo(one);
        assertThat(one).containsEntry("triples", 20_002L).containsEntry("items", items).containsEntry("blankDegree", 2L);
    }

    @Test
    void aParseErrorInALaterRangeNamesTheFileAndItsLineInTheWholeFile() throws IOException {
        Path nt = dir.resolve("bad.nt");
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= 1000; k++) {
            sb.append(k == 900 ? "<http://ex.org/a> <http://ex.org/r> broken .\n" : "<http://ex.org/a" + k + "> <http://ex.org/r> <http://ex.org/b> .\n");
        }
        Files.writeString(nt, sb);
        assertThatThrownBy(() -> RdfBulkImport.run(nt, Lang.NTRIPLES, dir.resolve("store"), dir.resolve("work"), null, 2))
                .hasMessageContaining(nt + ":900:");
        assertThat(Files.exists(dir.resolve("store/data/databases/neo4j/neostore"))).isFalse();
    }

    private static Map<String, Object> summary(RdfBulkImport.Result r, Path home) {
        try (GraphStore store = GraphStore.start(GraphStoreConfig.embeddedOnly(home, "32m"))) {
            Map<String, Object> graph = store.db().executeTransactionally("""
                    MATCH (n:Entity) WITH count(n) AS entities
                    MATCH ()-[r]->() WITH entities, count(r) AS relationships
                    MATCH (i:Item) WITH entities, relationships, count(i) AS itemNodes
                    OPTIONAL MATCH (b:Entity {entityId: '_:shared'})
                    RETURN entities, relationships, itemNodes, COUNT { (b)--() } AS blankDegree,
                           COUNT { (:Entity)-[:genre]->(:Entity {entityId: 'http://ex.org/rock'}) } AS rock""",
                    Map.of(), res -> res.next());
            return Map.of("entities", graph.get("entities"), "relationships", graph.get("relationships"),
                    "itemNodes", graph.get("itemNodes"), "blankDegree", graph.get("blankDegree"), "rock", graph.get("rock"),
                    "triples", r.triples(), "items", r.items(), "entityCount", r.entities());
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
