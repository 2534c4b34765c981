package org.mmkgrec.loader.text;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Text to vectors in-process with the quantized all-MiniLM-L6-v2 sentence encoder (384-d,
 * mean-pooled, L2-normalised), shipped inside its Maven jar: nothing is downloaded at run time.
 * The model is loaded once per JVM, on first use. Deterministic: the same text gives the same vector.
 */
public final class TextEncoder {
    public static final String NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSION = 384;
    private static final int BATCH = 64;

    private TextEncoder() {}

    private static final class Holder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    public static float[] encode(String text) {
        return Holder.MODEL.embed(text).content().vector();
    }

    /** Encodes in batches, with a progress bar unless {@code quiet}. */
    public static List<float[]> encodeAll(List<String> texts, boolean quiet) {
        List<float[]> out = new ArrayList<>(texts.size());
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("encode text ").setInitialMax(texts.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500);
        if (quiet) {
            builder.setConsumer(new DelegatingProgressBarConsumer(s -> {}));
        }
        try (ProgressBar bar = builder.build()) {
            for (int from = 0; from < texts.size(); from += BATCH) {
                List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                        .map(TextSegment::from).toList();
                for (Embedding e : Holder.MODEL.embedAll(batch).content()) {
                    out.add(e.vector());
                }
                bar.stepTo(from + batch.size());
            }
        }
        return out;
    }
}
