package org.mmkgrec.store;

import inet.ipaddr.IPAddressString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.mmkgrec.cypher.CypherScripts;
import org.mmkgrec.cypher.procedures.MmkgProcedures;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.exceptions.ProcedureException;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.configuration.ConfigurableServerModules;
import org.neo4j.server.configuration.ServerSettings;

/**
 * The embedded Neo4j DBMS of one data directory: started with GDS and the {@code mmkg.*}
 * procedures registered and the schema applied, stopped quickly and idempotently.
 *
 * <p>Embedded Neo4j does not scan the class path for procedures, so GDS's classes are read from its
 * {@code META-INF/services} listings and registered one by one, then ours.
 *
 * <p>Secure by default, with Neo4j's own settings: user {@code neo4j} gets the configured password
 * at every start (auth is on unless turned off on loopback); the HTTP connector serves Browser only
 * (no endpoint that runs Cypher), names its own origin in CORS answers, reports no telemetry and
 * lets Browser's pages connect nowhere but here and to Bolt; {@code LOAD CSV} reads files from the
 * empty {@code <home>/import} only; only GDS runs unrestricted; no usage reports leave the machine.
 */
public final class GraphStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GraphStore.class.getName());
    private static final String GDS_PACKAGE = "org.neo4j.gds.";
    /** Neo4j's answer to ALTER USER with the password the user already has. */
    private static final String SAME_PASSWORD = "Old password and new password cannot be the same";
    /**
     * Neo4j's default policy for Browser's static files without its third-party hosts (Segment and
     * Canny telemetry, Google Fonts, remote guides) and without plain http(s) connections: Browser's
     * own files and its same-origin discovery request load, Bolt connects over WebSocket (ws/wss),
     * nothing else leaves the machine.
     */
    static final String BROWSER_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; base-uri 'none'; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; connect-src 'self' ws: wss:";

    private final GraphStoreConfig config;
    private final DatabaseManagementService dbms;
    private final GraphDatabaseService db;
    private volatile boolean closed;

    private GraphStore(GraphStoreConfig config, DatabaseManagementService dbms) {
        this.config = config;
        this.dbms = dbms;
        this.db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    }

    public static GraphStore start(GraphStoreConfig config) {
        long t0 = System.nanoTime();
        // GDS sizes objects with JOL, whose first use attaches HotSpot's Serviceability Agent from a
        // child process: measured at ~100 s once PyTorch's native libraries are in the same JVM
        // (./mmkg evaluate). JOL's own switch skips the attach; GDS's estimates stay available.
        if (System.getProperty("jol.skipHotspotSAAttach") == null) {
            System.setProperty("jol.skipHotspotSAAttach", "true");
        }
        Path importDir = createImportDir(config);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(config.home())
                .setConfig(GraphDatabaseSettings.pagecache_memory, config.pageCacheBytes())
                // GDS reaches into kernel internals; mmkg.* only uses the procedure's Transaction
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .setConfig(GraphDatabaseSettings.auth_enabled, config.authEnabled())
                // embedded Neo4j has no import root by default: LOAD CSV could read any local file
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                // ... and fetch any URL, loopback and the local network included: every address is blocked
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, config.boltEnabled())
                .setConfig(BoltConnector.listen_address, socket(config.boltListen()))
                .setConfig(HttpConnector.enabled, config.httpEnabled())
                .setConfig(HttpConnector.listen_address, socket(config.httpListen()))
                // Browser only: no transactional (/db/*/tx) or Query API (/db/*/query) endpoints
                .setConfig(ServerSettings.http_enabled_modules, EnumSet.of(ConfigurableServerModules.BROWSER))
                .setConfig(ServerSettings.http_access_control_allow_origin, config.httpOrigin())
                .setConfig(ServerSettings.allow_telemetry, false)
                .setConfig(ServerSettings.browser_remote_content_hostname_whitelist, "localhost")
                .setConfig(ServerSettings.http_static_content_security_policy, BROWSER_CONTENT_SECURITY_POLICY)
                // without these, shutdown waits ~10 s inside the Bolt server's Netty (STACK.md)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .build();
        GraphStore store = new GraphStore(config, dbms);
        try {
            if (config.authEnabled() && config.password() != null) {
                store.setPassword(config.password());
            }
            int registered = store.registerProcedures();
            store.applySchema();
            LOG.info(String.format("graph store %s started in %.1f s (%d procedure classes registered)",
                    config.home(), (System.nanoTime() - t0) / 1e9, registered));
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public GraphDatabaseService db() {
        return db;
    }

    public DatabaseManagementService dbms() {
        return dbms;
    }

    public GraphStoreConfig config() {
        return config;
    }

    public String boltUri() {
        return config.boltEnabled() ? "bolt://" + config.boltListen() : null;
    }

    /** Neo4j Browser's address, pre-filled ({@link GraphStoreConfig#browserUrl}); null with Bolt or HTTP off. */
    public String browserUrl() {
        return config.browserUrl();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        dbms.shutdown();
        LOG.info(String.format("graph store %s stopped in %.2f s", config.home(), (System.nanoTime() - t0) / 1e9));
    }

    private static SocketAddress socket(String listen) {
        return new SocketAddress(GraphStoreConfig.host(listen), GraphStoreConfig.port("listen address", listen));
    }

    private static Path createImportDir(GraphStoreConfig config) {
        try {
            return Files.createDirectories(config.importDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the LOAD CSV import directory " + config.importDir(), e);
        }
    }

    /**
     * Gives user neo4j the configured password at every start, so the configured one (the password
     * file) is always the one that works, also after it was changed there. Neo4j refuses to set the
     * password a user already has, which is the usual case from the second start on.
     */
    private void setPassword(String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER " + GraphStoreConfig.USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().contains(SAME_PASSWORD)) {
                throw e;
            }
        }
    }

    private int registerProcedures() {
        GlobalProcedures procedures = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(GlobalProcedures.class);
        int count = 0;
        try {
            for (String name : serviceClasses("META-INF/services/org.neo4j.procedure.Procedure")) {
                procedures.registerProcedure(Class.forName(name));
                count++;
            }
            for (String name : serviceClasses("META-INF/services/org.neo4j.procedure.UserFunction")) {
                procedures.registerFunction(Class.forName(name));
                count++;
            }
            for (Class<?> c : MmkgProcedures.PROCEDURES) {
                procedures.registerProcedure(c);
                count++;
            }
            for (Class<?> c : MmkgProcedures.FUNCTIONS) {
                procedures.registerFunction(c);
                count++;
            }
        } catch (ProcedureException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot register procedures: " + e.getMessage(), e);
        }
        return count;
    }

    /** GDS class names listed in the class path's service files of the given kind. */
    private static List<String> serviceClasses(String resource) {
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> urls = GraphStore.class.getClassLoader().getResources(resource);
            while (urls.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(urls.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    r.lines().map(String::strip)
                            .filter(l -> l.startsWith(GDS_PACKAGE))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return names.stream().distinct().toList();
    }

    private void applySchema() {
        for (String statement : CypherScripts.statements("schema")) {
            db.executeTransactionally(statement);
        }
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexesOnline(2, TimeUnit.MINUTES);
        }
    }
}
