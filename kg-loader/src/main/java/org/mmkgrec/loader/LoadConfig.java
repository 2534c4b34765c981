package org.mmkgrec.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mmkgrec.loader.source.ErrorPolicy;

/**
 * Everything a load needs. Validated here, so a bad option fails before any file is read.
 *
 * @param source the data set directory (Last.FM KG directory, or a directory of RecBole atomic files)
 * @param format {@link Format#AUTO} detects it from the files
 * @param dataDir the store's directory: Neo4j under {@code graph/}, the held-out test part under {@code heldout/}
 * @param dataset the data set's name in the graph; default: the source directory's name
 * @param split {@code none} (everything is training data, default); for KGCN-format (Last.FM) data
 *     {@code kgcn} (6:2:2) or {@code mcclk} (8:2), the stored split files when present, else drawn with
 *     the same seed; for RecBole data {@code time811} (per user 8:1:1 by time), {@code random811}
 *     (per user 8:1:1 shuffled, seed 2020) or {@code files} (RecBole's benchmark files
 *     {@code <dataset>.{train,valid,test}.inter})
 * @param onError stop at the first bad record (default) or skip bad records and count them
 * @param coEntityThreshold S_m of CRM-MAN: items are co-entity linked when they share more than
 *     this many KG entities; default 0 (one shared entity suffices; on Last.FM 0 gives 53,809 links,
 *     1 gives 435)
 * @param ratingThreshold RecBole ratings at or above it are positives; default 4.0 (0, or anything at
 *     or below the smallest rating, makes every rated interaction a positive)
 * @param encodeText encode text content into vectors with the offline MiniLM encoder; default true
 * @param kgFile an extra KG to load beside the data set's own, or null: RDF (N-Triples {@code .nt},
 *     Turtle {@code .ttl}, ... by extension) or tab-separated triples ({@code .tsv}, {@code .txt}, {@code .kg})
 * @param kgLinks item-to-entity links for that KG (TSV: item id, entity id), or null
 * @param vectors precomputed feature vectors per modality
 * @param replace wipe a store loaded from other input instead of refusing
 * @param batchSize records per transaction; default 20,000
 * @param quiet no progress bars
 */
public record LoadConfig(Path source, Format format, Path dataDir, String dataset, String split, ErrorPolicy onError,
                         int coEntityThreshold, double ratingThreshold, boolean encodeText, Path kgFile, Path kgLinks,
                         List<VectorSource> vectors, boolean replace, int batchSize, boolean quiet) {

    public enum Format { AUTO, LASTFM, RECBOLE }

    /**
     * Precomputed vectors of one modality.
     *
     * @param ids one item id per line, row i of the vectors belongs to line i; null: row i is item i
     */
    public record VectorSource(String modality, Path file, Path ids) {
        public VectorSource {
            if (modality == null || !modality.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("`vectors` modality must match [a-z][a-z0-9_]*, was `" + modality + "`");
            }
        }

        /** Parses {@code modality=file[,idsFile]}. */
        public static VectorSource parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("`vectors` must look like modality=file[,idsFile], was `" + spec + "`");
            }
            String[] files = spec.substring(eq + 1).split(",", 2);
            return new VectorSource(spec.substring(0, eq), Path.of(files[0]), files.length > 1 ? Path.of(files[1]) : null);
        }
    }

    public LoadConfig {
        if (source == null || !Files.isDirectory(source)) {
            throw new IllegalArgumentException("`source` must be an existing directory, was " + source);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("`data` directory is required");
        }
        format = format == null ? Format.AUTO : format;
        if (format == Format.AUTO) {
            format = detect(source);
        }
        dataset = dataset == null || dataset.isBlank() ? source.toAbsolutePath().normalize().getFileName().toString() : dataset;
        split = split == null ? "none" : split.toLowerCase(Locale.ROOT);
        List<String> splits = format == Format.LASTFM ? List.of("none", "kgcn", "mcclk")
                : List.of("none", "time811", "random811", "files");
        if (!splits.contains(split)) {
            throw new IllegalArgumentException("`split` must be one of " + splits + " for " + format.name().toLowerCase(Locale.ROOT)
                    + " data, was `" + split + "`");
        }
        onError = onError == null ? ErrorPolicy.STOP : onError;
        if (coEntityThreshold < 0) {
            throw new IllegalArgumentException("`coEntityThreshold` must be >= 0, was " + coEntityThreshold);
        }
        if (!Double.isFinite(ratingThreshold)) {
            throw new IllegalArgumentException("`ratingThreshold` must be a finite number, was " + ratingThreshold);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("`batchSize` must be >= 1, was " + batchSize);
        }
        if (kgLinks != null && kgFile == null) {
            throw new IllegalArgumentException("`kgLinks` needs `kgFile`");
        }
        for (Path p : new Path[] {kgFile, kgLinks}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such file: " + p);
            }
        }
        vectors = vectors == null ? List.of() : List.copyOf(vectors);
        for (VectorSource v : vectors) {
            if (!Files.isRegularFile(v.file())) {
                throw new IllegalArgumentException("`vectors` file not found: " + v.file());
            }
        }
    }

    /** The defaults above for a source directory and a data directory. */
    public static LoadConfig defaults(Path source, Path dataDir) {
        return new LoadConfig(source, Format.AUTO, dataDir, null, "none", ErrorPolicy.STOP, 0, 4.0, true,
                null, null, List.of(), false, 20_000, false);
    }

    public LoadConfig withSplit(String newSplit) {
        return new LoadConfig(source, format, dataDir, dataset, newSplit, onError, coEntityThreshold, ratingThreshold,
                encodeText, kgFile, kgLinks, vectors, replace, batchSize, quiet);
    }

    public LoadConfig withDataDir(Path newDataDir) {
        return new LoadConfig(source, format, newDataDir, dataset, split, onError, coEntityThreshold, ratingThreshold,
                encodeText, kgFile, kgLinks, vectors, replace, batchSize, quiet);
    }

    public LoadConfig withQuiet(boolean newQuiet) {
        return new LoadConfig(source, format, dataDir, dataset, split, onError, coEntityThreshold, ratingThreshold,
                encodeText, kgFile, kgLinks, vectors, replace, batchSize, newQuiet);
    }

    /**
     * LASTFM for a KGCN-format directory ({@code ratings_final.txt}, or the item index or a KG file of
     * one, so that the reader can name what is missing), RECBOLE for RecBole atomic files (any
     * {@code *.inter}, the benchmark files {@code <dataset>.{train,valid,test}.inter} included).
     */
    public static Format detect(Path source) {
        if (Files.isRegularFile(source.resolve("ratings_final.txt"))) {
            return Format.LASTFM;
        }
        try (var files = Files.list(source)) {
            if (files.anyMatch(p -> p.getFileName().toString().endsWith(".inter"))) {
                return Format.RECBOLE;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + source, e);
        }
        for (String kgcnFile : List.of("item_index2entity_id.txt", "kg_final.txt", "kg.txt")) {
            if (Files.isRegularFile(source.resolve(kgcnFile))) {
                return Format.LASTFM;
            }
        }
        throw new IllegalArgumentException("cannot tell the format of " + source
                + ": expected KGCN-format files (ratings_final.txt, item_index2entity_id.txt, kg.txt or kg_final.txt)"
                + " or RecBole atomic files (*.inter)");
    }

    /** The part of the options that changes what is written (for the input fingerprint). */
    String fingerprintOptions() {
        return String.join("|", format.name(), dataset, split, Integer.toString(coEntityThreshold),
                Double.toString(ratingThreshold), Boolean.toString(encodeText), String.valueOf(onError),
                String.valueOf(vectors.stream().map(VectorSource::modality).toList()));
    }
}
