package org.mmkgrec.loader.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.Interaction;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.Split;
import org.mmkgrec.loader.source.TagUse;
import org.mmkgrec.loader.source.Triple;
import org.mmkgrec.loader.source.UserInfo;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;

class GraphWriterTest {
    @TempDir
    Path home;
    DatabaseManagementService dbms;
    GraphDatabaseService db;

    @BeforeEach
    void start() {
        dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(16))
                .build();
        db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    @AfterEach
    void stop() {
        dbms.shutdown();
    }

    /** 2 users, 3 items (i1, i2 linked to entities), 2 other entities, 4 triples, 4 interactions. */
    static DatasetBuffer fixture() {
        DatasetBuffer d = new DatasetBuffer();
        d.user(new UserInfo("u1", Map.of("age", 30L)));
        d.user(new UserInfo("u2", Map.of()));
        d.item(new ItemInfo("i1", "Alpha", Map.of()));
        d.item(new ItemInfo("i2", "Beta", Map.of()));
        d.item(new ItemInfo("i3", "Gamma", Map.of()));
        d.link(new ItemLink("i1", "E1"));
        d.link(new ItemLink("i2", "E2"));
        d.link(new ItemLink("i3", "E3"));
        d.triple(new Triple("E1", "music.artist.genre", "rock"));
        d.triple(new Triple("E2", "music.artist.genre", "rock"));
        d.triple(new Triple("E1", "music.artist.origin", "uk"));
        d.triple(new Triple("E2", "music.artist.origin", "uk"));
        d.interaction(new Interaction("u1", "i1", 1, Double.NaN, -1, Split.TRAIN));
        d.interaction(new Interaction("u1", "i3", 0, Double.NaN, -1, Split.TRAIN));
        d.interaction(new Interaction("u2", "i2", 1, 5.0, 100, Split.EVAL));
        d.interaction(new Interaction("u2", "i1", 1, 4.0, 90, Split.TRAIN));
        d.content(new ItemContent("i1", "text", "Alpha. Tags: rock", new float[] {1f, 0f}));
        d.content(new ItemContent("i2", "image", null, new float[] {0f, 1f, 0f}));
        d.tagUse(new TagUse("u1", "i1", "t1", "rock", 2, java.time.LocalDate.of(2009, 3, 1)));
        d.tagUse(new TagUse("u1", "i1", "t2", "indie", 1, java.time.LocalDate.of(2009, 2, 1)));
        d.tagUse(new TagUse("u2", "i1", "t1", "rock", 1));
        return d;
    }

    static GraphWriter.Options options(String fingerprint, int batchSize, boolean replace) {
        return new GraphWriter.Options("fixture", "none", fingerprint, 1, batchSize, replace, true, Map.of());
    }

    long count(String query) {
        try (Transaction tx = db.beginTx()) {
            return ((Number) tx.execute(query).next().get("c")).longValue();
        }
    }

    void assertFixtureGraph() {
        assertThat(count("MATCH (n:User) RETURN count(n) AS c")).isEqualTo(2);
        assertThat(count("MATCH (n:Item) RETURN count(n) AS c")).isEqualTo(3);
        // 3 items that are entities + rock + uk
        assertThat(count("MATCH (n:Entity) RETURN count(n) AS c")).isEqualTo(5);
        assertThat(count("MATCH (n:Item:Entity) RETURN count(n) AS c")).isEqualTo(3);
        assertThat(count("MATCH (:Entity)-[r:`music.artist.genre`|`music.artist.origin`]->(:Entity) RETURN count(r) AS c"))
                .isEqualTo(4);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c")).isEqualTo(4);
        assertThat(count("MATCH ()-[r:INTERACTED {split: 'eval'}]->() RETURN count(r) AS c")).isEqualTo(1);
        // i1 and i2 share rock and uk: 2 > S_m = 1
        assertThat(count("MATCH (:Item {id: 'i1'})-[r:CO_ENTITY {shared: 2}]->(:Item {id: 'i2'}) RETURN count(r) AS c"))
                .isEqualTo(1);
        assertThat(count("MATCH ()-[r:CO_ENTITY]->() RETURN count(r) AS c")).isEqualTo(1);
        assertThat(count("MATCH (:Item {id: 'i1'})-[:HAS_TEXT]->(c:Content {modality: 'text', dim: 2}) RETURN count(c) AS c"))
                .isEqualTo(1);
        assertThat(count("MATCH (:Item {id: 'i2'})-[:HAS_IMAGE]->(c:Content) RETURN count(c) AS c")).isEqualTo(1);
        // one post per (user, item): its tags and the first assignment's day (none where undated)
        assertThat(count("MATCH (:User {id: 'u1'})-[p:TAGGED]->(:Item {id: 'i1'}) WHERE p.tags = ['t1', 't2'] "
                + "AND p.day = date('2009-02-01') RETURN count(p) AS c")).isEqualTo(1);
        assertThat(count("MATCH (:User {id: 'u2'})-[p:TAGGED]->(:Item {id: 'i1'}) WHERE p.tags = ['t1'] AND p.day IS NULL "
                + "RETURN count(p) AS c")).isEqualTo(1);
        assertThat(count("MATCH ()-[p:TAGGED]->() RETURN count(p) AS c")).isEqualTo(2);
        assertThat(count("MATCH (:Item {id: 'i1'})-[r:TAGGED_WITH {count: 3}]->(:Tag {name: 'rock'}) RETURN count(r) AS c"))
                .isEqualTo(1);
        assertThat(count("MATCH (:User {id: 'u1'})-[r:USED_TAG {count: 2}]->(:Tag) RETURN count(r) AS c")).isEqualTo(1);
        // popularity = training-side positives: i1 liked by u1 and u2
        assertThat(count("MATCH (i:Item {id: 'i1'}) RETURN i.popularity AS c")).isEqualTo(2);
        assertThat(count("MATCH (d:Dataset {status: 'complete'}) RETURN count(d) AS c")).isEqualTo(1);
    }

    @Test
    void writesTheGraphModel() {
        GraphWriter.Summary summary = new GraphWriter(db, options("fp1", 2, false)).write(fixture());
        assertFixtureGraph();
        assertThat(summary.alreadyComplete()).isFalse();
        assertThat(summary.writtenByStep()).containsEntry("triples", 4L).containsEntry("interactions", 4L);
    }

    @Test
    void reloadingTheSameInputWritesNothing() {
        new GraphWriter(db, options("fp1", 2, false)).write(fixture());
        GraphWriter.Summary again = new GraphWriter(db, options("fp1", 2, false)).write(fixture());
        assertThat(again.alreadyComplete()).isTrue();
        assertFixtureGraph();
    }

    @Test
    void anInterruptedLoadResumesWithoutDuplicates() {
        // the third interaction fails as a crash would (its user is unknown to the writer): the
        // batch holding rows 0-1 stays committed, the batch holding rows 2-3 is rolled back
        DatasetBuffer crashing = fixture();
        crashing.interactions.set(2, new Interaction("ghost", "i2", 1, Double.NaN, -1, Split.TRAIN));
        GraphWriter.Options opts = options("fp1", 2, false);
        assertThatThrownBy(() -> new GraphWriter(db, opts).write(crashing)).hasMessageContaining("ghost");
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c")).isEqualTo(2);
        assertThat(count("MATCH (d:Dataset {status: 'loading'}) RETURN count(d) AS c")).isEqualTo(1);

        // the re-run skips users, items, entities, triples and the committed batch, then finishes
        GraphWriter.Summary resumed = new GraphWriter(db, opts).write(fixture());
        assertThat(resumed.writtenByStep()).containsEntry("users", 0L).containsEntry("triples", 0L)
                .containsEntry("interactions", 2L);
        assertFixtureGraph();
    }

    @Test
    void otherInputIsRefusedUnlessReplaced() {
        new GraphWriter(db, options("fp1", 2, false)).write(fixture());
        assertThatThrownBy(() -> new GraphWriter(db, options("fp2", 2, false)).write(fixture()))
                .hasMessageContaining("--replace");
        assertFixtureGraph();
        new GraphWriter(db, options("fp2", 2, true)).write(fixture());
        assertFixtureGraph();
    }

    @Test
    void testInteractionsAreRefusedBeforeAnythingIsWritten() {
        DatasetBuffer d = fixture();
        d.interaction(new Interaction("u1", "i2", 1, Double.NaN, -1, Split.TEST));
        assertThatThrownBy(() -> new GraphWriter(db, options("fp1", 2, false)).write(d))
                .hasMessageContaining("test interactions never enter the graph");
        assertThat(count("MATCH (n) RETURN count(n) AS c")).isZero();
    }

    @Test
    void theStepBeforeCompletionSeesTheDatasetLoadingAndItsFailureKeepsItLoading() {
        List<String> seen = new java.util.ArrayList<>();
        GraphWriter.Options opts = options("fp1", 2, false);
        assertThatThrownBy(() -> new GraphWriter(db, opts).write(fixture(), () -> {
            seen.add(status());
            throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
        })).hasMessageContaining("disk full");
        // called once, after the graph was written, while the data set was still `loading`; it stays so
        assertThat(seen).containsExactly("loading");
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c")).isEqualTo(4);
        assertThat(status()).isEqualTo("loading");

        // the re-run writes nothing new, runs the step again and only then marks the data set complete
        GraphWriter.Summary resumed = new GraphWriter(db, opts).write(fixture(), () -> seen.add(status()));
        assertThat(seen).containsExactly("loading", "loading");
        assertThat(resumed.writtenByStep()).containsEntry("interactions", 0L);
        assertFixtureGraph();

        // a complete data set does not run it again
        assertThat(new GraphWriter(db, opts).write(fixture(), () -> seen.add(status())).alreadyComplete()).isTrue();
        assertThat(seen).hasSize(2);
    }

    String status() {
        return db.executeTransactionally("MATCH (d:Dataset) RETURN d.status AS s", Map.of(), r -> (String) r.next().get("s"));
    }
}
