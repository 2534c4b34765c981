package org.mmkgrec.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the embedded DBMS runs. Keys (as read by {@link #fromMap}) and defaults:
 * <ul>
 *   <li>{@code mmkg.store.home} — Neo4j home directory (required)</li>
 *   <li>{@code mmkg.store.pagecache} — page cache size, e.g. {@code 512m} (default {@code 512m}; Neo4j's own
 *       guess was 9.4 GB on a 24 GB machine)</li>
 *   <li>{@code mmkg.store.bolt.enabled} — Bolt connector for drivers and Neo4j Browser (default true)</li>
 *   <li>{@code mmkg.store.bolt.listen} — Bolt listen address (default {@code 127.0.0.1:7687})</li>
 *   <li>{@code mmkg.store.http.enabled} — HTTP connector serving Neo4j Browser at /browser/ (default true)</li>
 *   <li>{@code mmkg.store.http.listen} — HTTP listen address (default {@code 127.0.0.1:7474})</li>
 *   <li>{@code mmkg.store.auth.enabled} — require authentication on Bolt and HTTP (default true)</li>
 *   <li>{@code mmkg.store.auth.password} — password of user {@code neo4j}; required, >= 8 characters, when
 *       auth is on and Bolt or HTTP is on (the service generates one: {@link SecretFile})</li>
 * </ul>
 * Loopback is no security boundary (any web page in the user's browser can reach 127.0.0.1), so
 * authentication is on by default; it can be turned off on loopback only: listening on anything
 * else without authentication and a password, the store refuses to start.
 */
public record GraphStoreConfig(Path home, String pageCache, boolean boltEnabled, String boltListen,
                               boolean httpEnabled, String httpListen, boolean authEnabled, String password) {

    public static final String DEFAULT_PAGE_CACHE = "512m";
    public static final String DEFAULT_BOLT = "127.0.0.1:7687";
    public static final String DEFAULT_HTTP = "127.0.0.1:7474";
    /** The user the password belongs to (Neo4j Community has this one administrator). */
    public static final String USER = "neo4j";

    public GraphStoreConfig {
        if (home == null) {
            throw new IllegalArgumentException("`mmkg.store.home` is required");
        }
        pageCache = pageCache == null || pageCache.isBlank() ? DEFAULT_PAGE_CACHE : pageCache.trim();
        if (!pageCache.matches("(?i)\\d+[kmg]?")) {
            throw new IllegalArgumentException("`mmkg.store.pagecache` must look like 512m or 2g, was `" + pageCache + "`");
        }
        boltListen = boltListen == null || boltListen.isBlank() ? DEFAULT_BOLT : boltListen.trim();
        httpListen = httpListen == null || httpListen.isBlank() ? DEFAULT_HTTP : httpListen.trim();
        port("mmkg.store.bolt.listen", boltListen);
        port("mmkg.store.http.listen", httpListen);
        if (authEnabled && (boltEnabled || httpEnabled) && (password == null || password.length() < SecretFile.MIN_LENGTH)) {
            throw new IllegalArgumentException("`mmkg.store.auth.password` must be set (>= 8 characters) when "
                    + "`mmkg.store.auth.enabled` is true");
        }
        boolean exposed = (boltEnabled && !isLoopback(host(boltListen))) || (httpEnabled && !isLoopback(host(httpListen)));
        if (exposed && !authEnabled) {
            throw new IllegalArgumentException("refusing to listen on a non-loopback address ("
                    + (boltEnabled ? "`mmkg.store.bolt.listen`=" + boltListen + " " : "")
                    + (httpEnabled ? "`mmkg.store.http.listen`=" + httpListen : "")
                    + ") without authentication: set `mmkg.store.auth.enabled`=true and `mmkg.store.auth.password`");
        }
    }

    /** Bolt and HTTP off: for batch jobs (load, train) and tests. */
    public static GraphStoreConfig embeddedOnly(Path home, String pageCache) {
        return new GraphStoreConfig(home, pageCache, false, null, false, null, false, null);
    }

    /** Reads the {@code mmkg.store.*} keys above from a map (e.g. system properties or a config file). */
    public static GraphStoreConfig fromMap(Map<String, String> m) {
        String home = m.get("mmkg.store.home");
        return new GraphStoreConfig(home == null ? null : Path.of(home), m.get("mmkg.store.pagecache"),
                bool(m, "mmkg.store.bolt.enabled", true), m.get("mmkg.store.bolt.listen"),
                bool(m, "mmkg.store.http.enabled", true), m.get("mmkg.store.http.listen"),
                bool(m, "mmkg.store.auth.enabled", true), m.get("mmkg.store.auth.password"));
    }

    /** Where {@code LOAD CSV} may read {@code file:///} URLs from: {@code <home>/import}, created empty. */
    public Path importDir() {
        return home.toAbsolutePath().resolve("import");
    }

    /**
     * The origin Neo4j Browser is served from ({@code http://<http listen address>}): the only one
     * the HTTP connector names in {@code Access-Control-Allow-Origin}.
     */
    public String httpOrigin() {
        return "http://" + httpListen;
    }

    /**
     * Neo4j Browser's address, pre-filled with our Bolt address: with user {@code neo4j} and the
     * user-name/password form when auth is on (also over a no-auth choice Browser remembered from an
     * earlier session), with no-auth when it is off. Null when Bolt or HTTP is off.
     */
    public String browserUrl() {
        if (!httpEnabled || !boltEnabled) {
            return null;
        }
        String browser = httpOrigin() + "/browser/?dbms=bolt://";
        return authEnabled
                ? browser + USER + "@" + boltListen + "&preselectAuthMethod=NATIVE"
                : browser + boltListen + "&preselectAuthMethod=NO_AUTH";
    }

    @Override
    public String toString() {
        // never print the password
        return "GraphStoreConfig[home=" + home + ", pageCache=" + pageCache + ", bolt=" + (boltEnabled ? boltListen : "off")
                + ", http=" + (httpEnabled ? httpListen : "off") + ", auth=" + authEnabled + "]";
    }

    long pageCacheBytes() {
        String s = pageCache.toLowerCase();
        char unit = s.charAt(s.length() - 1);
        long factor = switch (unit) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(Character.isDigit(unit) ? s : s.substring(0, s.length() - 1)) * factor;
    }

    static String host(String listen) {
        int colon = listen.lastIndexOf(':');
        return colon < 0 ? listen : listen.substring(0, colon);
    }

    static int port(String key, String listen) {
        int colon = listen.lastIndexOf(':');
        try {
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (colon < 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + key + "` must look like host:port, was `" + listen + "`");
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean bool(Map<String, String> m, String key, boolean dflt) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("`" + key + "` must be true or false, was `" + v + "`");
        }
        return Boolean.parseBoolean(v);
    }
}
