package org.mmkgrec.embedding.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The training losses, each a mean over the batch (scores are logits, higher = more likely liked).
 * Written in their numerically stable forms: {@code -ln sigmoid(x) = softplus(-x)}.
 */
public final class Losses {
    private Losses() {}

    /** Which loss a model trains with. */
    public enum Kind {
        /** pairwise: a liked item above a sampled one */
        BPR,
        /** pointwise: liked items labelled 1, sampled or disliked items 0 (the CTR protocol's view) */
        BCE,
        /** listwise: the liked item against several sampled ones (CRM-MAN) */
        SOFTMAX;

        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown loss `" + s + "`; valid: bpr, bce, softmax");
            }
        }
    }

    /** BPR (Rendle et al. 2009): {@code mean(-ln sigmoid(pos - neg))}; shapes (B). */
    public static NDArray bpr(NDArray positive, NDArray negative) {
        return Activation.softPlus(negative.sub(positive)).mean();
    }

    /**
     * Binary cross-entropy on logits: {@code mean(softplus(-x))} over the positives and
     * {@code mean(softplus(x))} over the negatives, averaged over all of them; shapes (B) and (B) or (B, N).
     */
    public static NDArray bce(NDArray positive, NDArray negative) {
        long n = positive.size() + negative.size();
        return Activation.softPlus(positive.neg()).sum().add(Activation.softPlus(negative).sum()).div((float) n);
    }

    /**
     * Sampled softmax (CRM-MAN's loss): the liked item's score against {@code N} sampled negatives,
     * {@code mean(-ln(exp(pos) / (exp(pos) + sum exp(neg))))}; shapes (B) and (B, N).
     */
    public static NDArray sampledSoftmax(NDArray positive, NDArray negatives) {
        NDArray logits = positive.expandDims(1).concat(negatives, 1);
        return logits.logSoftmax(1).get(":, 0").neg().mean();
    }

    /** The loss of {@code kind} for one positive and {@code N >= 1} negatives per row (BPR pairs each with each). */
    public static NDArray of(Kind kind, NDArray positive, NDArray negatives) {
        return switch (kind) {
            case BPR -> bpr(positive.expandDims(1), negatives);
            case BCE -> bce(positive, negatives);
            case SOFTMAX -> sampledSoftmax(positive, negatives);
        };
    }
}
