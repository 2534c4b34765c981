package org.mmkgrec.loader.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmkgrec.loader.source.ItemLink;
import org.mmkgrec.loader.source.Triple;

class CoEntityGraphTest {

    // Items a..e stand for entities A..E. Each item's entities are its KG neighbours, either direction:
    //   N(a) = {rock, uk, label1, C}, N(b) = {rock, uk, label1}, N(c) = {rock, uk, A}, N(d) = N(e) = {jazz}
    //   (uk -contains-> C makes uk a neighbour of c; the direct A -influenced-> C makes C a neighbour
    //   of a and A one of c, but neither is shared by both).
    private static final List<Triple> KG = List.of(
            new Triple("A", "genre", "rock"), new Triple("B", "genre", "rock"), new Triple("C", "genre", "rock"),
            new Triple("A", "origin", "uk"), new Triple("B", "origin", "uk"), new Triple("uk", "contains", "C"),
            new Triple("A", "label", "label1"), new Triple("B", "label", "label1"),
            new Triple("D", "genre", "jazz"), new Triple("E", "genre", "jazz"),
            new Triple("A", "influenced", "C"));
    private static final List<ItemLink> LINKS = List.of(new ItemLink("a", "A"), new ItemLink("b", "B"),
            new ItemLink("c", "C"), new ItemLink("d", "D"), new ItemLink("e", "E"));

    @Test
    void linksPairsSharingMoreThanThreshold() {
        // S_m = 1: pairs sharing >= 2: a-b {rock, uk, label1}, a-c {rock, uk}, b-c {rock, uk}; d-e share 1
        assertThat(CoEntityGraph.build(KG, LINKS, 1)).containsExactly(
                new CoEntityGraph.Edge("a", "b", 3),
                new CoEntityGraph.Edge("a", "c", 2),
                new CoEntityGraph.Edge("b", "c", 2));
    }

    @Test
    void thresholdZeroLinksEveryPairWithOneSharedEntity() {
        assertThat(CoEntityGraph.build(KG, LINKS, 0)).containsExactly(
                new CoEntityGraph.Edge("a", "b", 3),
                new CoEntityGraph.Edge("a", "c", 2),
                new CoEntityGraph.Edge("b", "c", 2),
                new CoEntityGraph.Edge("d", "e", 1));
    }

    @Test
    void higherThresholdKeepsOnlyTheStrongestPair() {
        assertThat(CoEntityGraph.build(KG, LINKS, 2)).containsExactly(new CoEntityGraph.Edge("a", "b", 3));
        assertThat(CoEntityGraph.build(KG, LINKS, 3)).isEmpty();
    }

    @Test
    void negativeThresholdNamesTheKey() {
        assertThatThrownBy(() -> CoEntityGraph.build(KG, LINKS, -1))
                .hasMessageContaining("`coEntityThreshold`");
    }
}
