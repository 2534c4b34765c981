package org.mmkgrec.loader;

import java.util.Set;
import java.util.stream.Collectors;
import org.mmkgrec.loader.lastfm.LastFmReader;
import org.mmkgrec.loader.rdf.RdfKgReader;
import org.mmkgrec.loader.triples.LinkFileReader;
import org.mmkgrec.loader.triples.TsvTripleReader;
import org.mmkgrec.loader.recbole.RecBoleReader;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.ItemInfo;
import org.mmkgrec.loader.vectors.VectorReader;

/** Picks the readers a {@link LoadConfig} asks for and runs them into one buffer. */
final class DatasetReaders {
    private DatasetReaders() {}

    static void read(LoadConfig config, DatasetBuffer data, InputErrors errors) {
        switch (config.format()) {
            case LASTFM -> new LastFmReader(new LastFmReader.Config(config.source(), config.split(), true), errors).read(data);
            case RECBOLE -> new RecBoleReader(new RecBoleReader.Config(config.source(), null, config.ratingThreshold(),
                    null, config.split()), errors).read(data);
            default -> throw new IllegalStateException("format not resolved: " + config.format());
        }
        Set<String> items = data.items.stream().map(ItemInfo::itemId).collect(Collectors.toSet());
        for (LoadConfig.VectorSource v : config.vectors()) {
            new VectorReader(new VectorReader.Config(v.modality(), v.file(), v.ids(), 0, items), errors).read(data);
        }
        if (config.kgFile() != null) {
            String name = config.kgFile().getFileName().toString();
            if (name.endsWith(".tsv") || name.endsWith(".txt") || name.endsWith(".kg")) {
                new TsvTripleReader(config.kgFile(), errors).read(data);
                if (config.kgLinks() != null) {
                    new LinkFileReader(config.kgLinks(), items, errors).read(data);
                }
            } else {
                new RdfKgReader(new RdfKgReader.Config(config.kgFile(), null, config.kgLinks(), RdfKgReader.ITEM_PREDICATE,
                        items), errors).read(data);
            }
        }
    }
}
