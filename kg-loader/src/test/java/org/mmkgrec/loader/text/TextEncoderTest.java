package org.mmkgrec.loader.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncoderTest {

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void encodesOfflineDeterministicallyAndByMeaning() {
        List<float[]> v = TextEncoder.encodeAll(List.of(
                "Metallica. Tags: thrash metal, heavy metal",
                "Slayer. Tags: thrash metal, speed metal",
                "Norah Jones. Tags: jazz, vocal jazz, piano"), true);
        assertThat(v).allMatch(x -> x.length == TextEncoder.DIMENSION);
        // two thrash bands are closer to each other than either is to a jazz singer
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)));
        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(1), v.get(2)));
        assertThat(TextEncoder.encode("Metallica. Tags: thrash metal, heavy metal")).containsExactly(v.get(0));
    }
}
