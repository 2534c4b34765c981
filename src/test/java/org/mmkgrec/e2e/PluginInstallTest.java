package org.mmkgrec.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.cypher.procedures.RecommendProcedures;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * The cypher module's jar installed the way a Neo4j 5.26 server operator installs it: dropped into
 * the plugins folder of a separate server (nothing registered by hand), with no
 * {@code dbms.security.procedures.unrestricted} entry (the procedures use only their Transaction);
 * then called over Bolt.
 */
class PluginInstallTest {

    @Test
    void theJarInThePluginsFolderProvidesDocumentedProcedures(@TempDir Path plugins) throws Exception {
        Files.copy(pluginJar(plugins.resolve("build")), plugins.resolve("mmkg-cypher.jar"));
        String fixture = "CREATE (u:User {id: 'u1'}), (a:Item:Entity {id: 'a', entityId: 'a', name: 'A'}), "
                + "(b:Item:Entity {id: 'b', entityId: 'b', name: 'B'}), (g:Entity {entityId: 'g', name: 'jazz'}), "
                + "(u)-[:INTERACTED {label: 1, split: 'train'}]->(a), (a)-[:genre]->(g), (b)-[:genre]->(g), "
                + "(b)-[:TAGGED_WITH {count: 2}]->(:Tag {id: 't1', name: 'smooth'})";
        try (Neo4j server = Neo4jBuilders.newInProcessBuilder().withDisabledServer()
                        .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                        .withFixture(fixture).build();
                Driver driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
                Session session = driver.session()) {
            List<Record> procedures = session.run("SHOW PROCEDURES YIELD name, description, argumentDescription, "
                    + "returnDescription WHERE name STARTS WITH 'mmkg.' RETURN * ORDER BY name").list();
            assertThat(procedures).extracting(r -> r.get("name").asString())
                    .containsExactly("mmkg.explain", "mmkg.recommend", "mmkg.recommendTags", "mmkg.similar", "mmkg.stats");
            for (Record p : procedures) {
                assertThat(p.get("description").asString()).isNotBlank();
                for (String field : List.of("argumentDescription", "returnDescription")) {
                    for (Map<String, Object> f : p.get(field).asList(v -> v.asMap())) {
                        assertThat((String) f.get("description")).as(p.get("name") + " " + f.get("name"))
                                .isNotBlank().isNotEqualTo(f.get("name") + " :: " + f.get("type"));
                    }
                }
            }
            Record rec = session.run("CALL mmkg.recommend('u1', 1, {}) YIELD itemId, paths RETURN itemId, paths").single();
            assertThat(rec.get("itemId").asString()).isEqualTo("b");
            assertThat(rec.get("paths").get(0).asPath().length()).isEqualTo(3);
            Record why = session.run("CALL mmkg.explain('u1', 'b', {}) YIELD path, text RETURN path, text").single();
            assertThat(why.get("text").asString()).isEqualTo("You liked A; A -[genre]-> jazz <-[genre]- B");
            Record tag = session.run("CALL mmkg.recommendTags('b', 'u1', 5) YIELD tagId, explanation "
                    + "RETURN tagId, [e IN explanation | e.source] AS sources").single();
            assertThat(tag.get("tagId").asString()).isEqualTo("t1");
            assertThat(tag.get("sources").asList(v -> v.asString())).contains("item");
        }
    }

    /** The packaged jar when the build has packaged it, else a jar of the compiled classes. */
    private static Path pluginJar(Path work) throws IOException, URISyntaxException {
        Path location = Path.of(RecommendProcedures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return location;
        }
        Files.createDirectories(work);
        Path jar = work.resolve("mmkg-cypher.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(location)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(location.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
