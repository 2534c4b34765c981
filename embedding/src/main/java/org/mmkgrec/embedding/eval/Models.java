package org.mmkgrec.embedding.eval;

import java.util.List;
import org.mmkgrec.embedding.baseline.BprMf;
import org.mmkgrec.embedding.baseline.CypherCf;
import org.mmkgrec.embedding.baseline.FastRp;
import org.mmkgrec.embedding.baseline.Hybrid;
import org.mmkgrec.embedding.baseline.ItemKnn;
import org.mmkgrec.embedding.baseline.MostPopular;
import org.mmkgrec.embedding.gat.CrmMan;
import org.mmkgrec.embedding.gcn.LightGcn;
import org.mmkgrec.embedding.gcn.Mmgcn;
import org.mmkgrec.embedding.kg.Mkgat;
import org.mmkgrec.embedding.kg.TransE;
import org.mmkgrec.embedding.kg.TransERecommender;
import org.neo4j.graphdb.GraphDatabaseService;

/** The model registry: every name {@code ./mmkg evaluate --model} accepts. */
public final class Models {
    public static final List<String> NAMES = List.of("pop", "itemknn", "bprmf", "fastrp", "cypher-cf", "hybrid", "lightgcn", "mmgcn", "transe", "mkgat", "crm-man");

    private Models() {}

    public static Recommender create(String name, EvaluateConfig config, GraphDatabaseService db) {
        return switch (name) {
            case "pop" -> new MostPopular();
            case "itemknn" -> new ItemKnn(config.knnNeighbours());
            case "bprmf" -> new BprMf(new BprMf.Config(config.bprMf().dimension(), config.bprMf().epochs(),
                    config.bprMf().batchSize(), config.bprMf().learningRate(), config.bprMf().l2(), config.seed()));
            case "fastrp" -> new FastRp(db, config.fastRpDimension(), config.seed());
            case "cypher-cf" -> new CypherCf(db);
            case "hybrid" -> new Hybrid(db);
            case "mmgcn" -> new Mmgcn(db, Mmgcn.Config.defaults(config.seed()));
            case "transe" -> new TransERecommender(db, TransE.Config.defaults(config.seed()));
            case "mkgat" -> new Mkgat(db, Mkgat.Config.defaults(config.seed()).withLoss(config.loss()));
            case "crm-man" -> new CrmMan(db, CrmMan.Config.defaults(config.seed()).withLoss(config.loss()));
            case "lightgcn" -> new LightGcn(LightGcn.Config.defaults(config.seed()));
            default -> throw new IllegalArgumentException("unknown model `" + name + "`; valid names: " + NAMES);
        };
    }
}
