package org.mmkgrec.embedding.kg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransETest {

    @Test
    void distanceOfAHandComputedTriple() {
        // h = (3, 4) -> unit (0.6, 0.8); r = (0.4, -0.8); t = (2, 0) -> unit (1, 0): h + r - t = (0, 0)
        assertThat(TransE.distance(new float[] {3, 4}, new float[] {0.4f, -0.8f}, new float[] {2, 0}))
                .isCloseTo(0.0, within(1e-6));
        // t = (0, 5) -> unit (0, 1): h + r - t = (1, -1): sqrt(2)
        assertThat(TransE.distance(new float[] {3, 4}, new float[] {0.4f, -0.8f}, new float[] {0, 5}))
                .isCloseTo(Math.sqrt(2), within(1e-6));
    }

    /** 20 artists, each with a genre and a country; genre g(a) = a % 4, country c(a) = a % 3. */
    static KgData toyKg() {
        List<String> entities = new ArrayList<>();
        List<String[]> triples = new ArrayList<>();
        for (int a = 0; a < 20; a++) {
            entities.add("a" + a);
        }
        for (int g = 0; g < 4; g++) {
            entities.add("g" + g);
        }
        for (int c = 0; c < 3; c++) {
            entities.add("c" + c);
        }
        for (int a = 0; a < 20; a++) {
            triples.add(new String[] {"a" + a, "genre", "g" + (a % 4)});
            triples.add(new String[] {"a" + a, "country", "c" + (a % 3)});
        }
        return KgData.of(entities, List.of("country", "genre"), triples);
    }

    @Test
    void lossFallsAndTrueTailsBeatCorruptedOnes() {
        KgData kg = toyKg();
        TransE model = new TransE(new TransE.Config(16, 200, 8, 0.01f, 1.0f, 3));
        model.fit(kg);
        List<Double> losses = model.lossCurve();
        // uniform corruption often draws another true triple (artists share genres), so the loss has a floor
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        float[][] e = model.entityVectors();
        float[][] r = model.relationVectors();
        int wins = 0;
        int trials = 0;
        for (int k = 0; k < kg.size(); k++) {
            int rel = kg.relationsOf[k];
            int truth = kg.tails[k];
            for (int other = 20; other < 27; other++) {
                boolean sameKind = rel == 1 ? other < 24 : other >= 24; // genre tails g*, country tails c*
                if (other != truth && sameKind) {
                    trials++;
                    if (TransE.distance(e[kg.heads[k]], r[rel], e[truth]) < TransE.distance(e[kg.heads[k]], r[rel], e[other])) {
                        wins++;
                    }
                }
            }
        }
        assertThat((double) wins / trials).isGreaterThan(0.95);
    }

    @Test
    void theSameSeedGivesTheSameVectors() {
        TransE a = new TransE(new TransE.Config(8, 5, 8, 0.01f, 1.0f, 5));
        TransE b = new TransE(new TransE.Config(8, 5, 8, 0.01f, 1.0f, 5));
        a.fit(toyKg());
        b.fit(toyKg());
        for (int i = 0; i < 27; i++) {
            assertThat(a.entityVectors()[i]).containsExactly(b.entityVectors()[i], within(1e-6f));
        }
    }
}
