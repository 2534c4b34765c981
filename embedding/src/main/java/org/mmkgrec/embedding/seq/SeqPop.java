package org.mmkgrec.embedding.seq;

/**
 * Most-popular under the sequential protocol: every item scored by how many training sequences hold
 * it (ties by item index in the ranking), whatever the history.
 */
public final class SeqPop implements NextModel {
    private double[] counts;

    @Override
    public String name() {
        return "pop";
    }

    @Override
    public void fit(SeqData.Training data) {
        counts = new double[data.itemCount()];
        for (int[] s : data.train()) {
            for (int i : s) {
                counts[i]++;
            }
        }
    }

    @Override
    public void scores(int[] history, double[] out) {
        System.arraycopy(counts, 0, out, 0, counts.length);
    }
}
