package org.mmkgrec.loader.rdf;

import java.util.HashMap;
import java.util.Map;

/**
 * Relation names for people from predicate IRIs: {@code prefix:local} when the file declared a
 * prefix covering the predicate, else the local name after the last {@code /} or {@code #} (the
 * whole IRI when that is empty). Shared by the record reader and the bulk importer so both name
 * relationship types alike.
 */
final class RelationNames {
    private final Map<String, String> prefixes = new HashMap<>();
    private final Map<String, String> shortNames = new HashMap<>();

    void prefix(String prefix, String iri) {
        prefixes.put(iri, prefix);
        shortNames.clear();
    }

    String shortName(String iri) {
        return shortNames.computeIfAbsent(iri, k -> {
            int cut = Math.max(k.lastIndexOf('/'), k.lastIndexOf('#')) + 1;
            String ns = k.substring(0, cut);
            String prefix = prefixes.get(ns);
            String local = k.substring(cut);
            if (local.isEmpty()) {
                return k;
            }
            return prefix != null ? prefix + ":" + local : local;
        });
    }
}
