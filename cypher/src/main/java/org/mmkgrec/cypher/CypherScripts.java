package org.mmkgrec.cypher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every Cypher text the project runs lives in a {@code .cypher} resource under {@code /cypher/},
 * loaded here by name ({@code "schema"}, {@code "queries/recommend-cf"}). Queries take
 * {@code $parameters}; nothing is ever concatenated into them.
 */
public final class CypherScripts {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private CypherScripts() {}

    /** The whole text of {@code /cypher/<name>.cypher}, comment lines removed. */
    public static String query(String name) {
        return CACHE.computeIfAbsent(name, CypherScripts::load);
    }

    /** The statements of a script, split on {@code ;} at the end of a line. */
    public static List<String> statements(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : query(name).split("\n")) {
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                add(out, current.toString().stripTrailing());
                current.setLength(0);
            }
        }
        add(out, current.toString().strip());
        return out;
    }

    private static void add(List<String> out, String statement) {
        String s = statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
        if (!s.isBlank()) {
            out.add(s.strip());
        }
    }

    private static String load(String name) {
        String resource = "/cypher/" + name + ".cypher";
        try (InputStream in = CypherScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no Cypher script " + resource + " on the class path");
            }
            StringBuilder sb = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("//")) {
                    sb.append(line).append('\n');
                }
            }
            return sb.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
