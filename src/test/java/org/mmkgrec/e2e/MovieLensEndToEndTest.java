package org.mmkgrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.LoadConfig;
import org.mmkgrec.loader.LoadJob;
import org.mmkgrec.store.GraphStore;
import org.mmkgrec.store.GraphStoreConfig;
import org.neo4j.graphdb.Transaction;

/** MovieLens-100K + Freebase from RecBole atomic files, no split. */
class MovieLensEndToEndTest {
    @TempDir
    static Path dataDir;
    static GraphStore store;

    @BeforeAll
    static void load() {
        store = GraphStore.start(GraphStoreConfig.embeddedOnly(dataDir.resolve("graph"), "128m"));
        // S_m = 5: Freebase links most films through hubs (country, language), so S_m = 0 would link
        // 1,195,079 of the 1.41M item pairs
        new LoadJob(new LoadConfig(SharedData.movieLens(), LoadConfig.Format.RECBOLE, dataDir, null, "none", null, 5, 4.0,
                true, null, null, java.util.List.of(), false, 20_000, true)).run(store.db());
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    long count(String query) {
        return GraphCounts.count(store.db(), query);
    }

    @Test
    void graphHoldsTheExactPublishedCounts() {
        assertThat(count("MATCH (n:User) RETURN count(n) AS c")).isEqualTo(943);
        assertThat(count("MATCH (n:Item) RETURN count(n) AS c")).isEqualTo(1_682);
        assertThat(count("MATCH ()-[r:INTERACTED]->() RETURN count(r) AS c")).isEqualTo(100_000);
        String kg = "MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> 'CO_ENTITY' ";
        assertThat(count(kg + "RETURN count(r) AS c")).isEqualTo(91_631);
        assertThat(count(kg + "RETURN count(DISTINCT type(r)) AS c")).isEqualTo(24);
        assertThat(count("MATCH (n:Entity) RETURN count(n) AS c")).isEqualTo(34_628);
        assertThat(count("MATCH (n:Item:Entity) RETURN count(n) AS c")).isEqualTo(1_598);
        // item pairs sharing more than 5 Freebase entities (counted independently from ml-100k.kg/.link)
        assertThat(count("MATCH ()-[r:CO_ENTITY]->() RETURN count(r) AS c")).isEqualTo(51_853);
        // ratings >= 4 are positives (the default threshold); ML-100K has 55,375 of them
        assertThat(count("MATCH ()-[r:INTERACTED {label: 1}]->() RETURN count(r) AS c")).isEqualTo(55_375);
        // the text modality: title, year and genres
        try (Transaction tx = store.db().beginTx()) {
            Object text = tx.execute("MATCH (:Item {id: '1'})-[:HAS_TEXT]->(c:Content) RETURN c.text AS t").next().get("t");
            assertThat(text).isEqualTo("Toy Story (1995). Genres: Animation, Children's, Comedy");
        }
    }
}
