package org.mmkgrec.embedding.eval;

import java.util.List;
import org.mmkgrec.embedding.baseline.BprMf;
import org.mmkgrec.embedding.baseline.CypherCf;
import org.mmkgrec.embedding.baseline.FastRp;
import org.mmkgrec.embedding.baseline.Hybrid;
import org.mmkgrec.embedding.baseline.ItemKnn;
import org.mmkgrec.embedding.baseline.MfSide;
import org.mmkgrec.embedding.baseline.MostPopular;
import org.mmkgrec.embedding.gat.CrmMan;
import org.mmkgrec.embedding.gcn.Bm3;
import org.mmkgrec.embedding.gcn.LightGcn;
import org.mmkgrec.embedding.gcn.Mmgcn;
import org.mmkgrec.embedding.kg.Mkgat;
import org.mmkgrec.embedding.kg.TransE;
import org.mmkgrec.embedding.kg.TransERecommender;
import org.mmkgrec.embedding.train.TrainOptions;
import org.neo4j.graphdb.GraphDatabaseService;

/** The model registry: every name {@code ./mmkg evaluate --model} accepts. */
public final class Models {
    public static final List<String> NAMES = List.of("pop", "itemknn", "bprmf", "fastrp", "cypher-cf", "hybrid", "lightgcn", "mmgcn", "transe", "mkgat", "crm-man", "bm3", "mf-side");

    /** The models trained by the shared training loop (early stopping, popularity prior). */
    public static final List<String> TRAINED = List.of("bprmf", "lightgcn", "mmgcn", "transe", "mkgat", "crm-man", "bm3", "mf-side");

    private Models() {}

    /** {@code name} with the config's seed, overrides and training options. */
    public static Recommender create(String name, EvaluateConfig config, GraphDatabaseService db) {
        ModelParams p = config.params();
        int seed = config.seed();
        TrainOptions t = config.train();
        if (List.of("pop", "fastrp", "cypher-cf").contains(name)) {
            p.noneFor(name);
        }
        return switch (name) {
            case "pop" -> new MostPopular();
            case "itemknn" -> new ItemKnn(p.apply(name, ItemKnn.Config.defaults()));
            case "bprmf" -> new BprMf(p.apply(name, BprMf.Config.defaults(seed)), t);
            case "fastrp" -> new FastRp(db, config.fastRpDimension(), seed);
            case "cypher-cf" -> new CypherCf(db);
            case "hybrid" -> new Hybrid(db, p.apply(name, Hybrid.Config.defaults()), t);
            case "mmgcn" -> new Mmgcn(db, p.apply(name, Mmgcn.Config.defaults(seed)), t);
            case "transe" -> new TransERecommender(db, p.apply(name, TransE.Config.defaults(seed)), t);
            case "mkgat" -> new Mkgat(db, p.apply(name, Mkgat.Config.defaults(seed).withLoss(config.loss())), t);
            case "crm-man" -> new CrmMan(db, p.apply(name, CrmMan.Config.defaults(seed).withLoss(config.loss())), t);
            case "lightgcn" -> new LightGcn(p.apply(name, LightGcn.Config.defaults(seed)), t);
            case "bm3" -> new Bm3(db, p.apply(name, Bm3.Config.defaults(seed)), t);
            case "mf-side" -> new MfSide(db, p.apply(name, MfSide.Config.defaults(seed)), t);
            default -> throw new IllegalArgumentException("unknown model `" + name + "`; valid names: " + NAMES);
        };
    }
}
