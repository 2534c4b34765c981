package org.mmkgrec.embedding.eval;

/**
 * Turns scores into probabilities with a 1-D logistic regression {@code p = sigmoid(a * z + b)} on
 * standardised scores {@code z}, fitted by Newton's method on the EVAL split (Platt, 1999). Needed
 * for F1 at 0.5 of models whose scores are counts or cosines; it is monotone, so AUC is unchanged.
 */
final class PlattScaling {
    private final double mean;
    private final double std;
    private double a = 1;
    private double b;

    private PlattScaling(double mean, double std) {
        this.mean = mean;
        this.std = std;
    }

    static PlattScaling fit(double[] scores, int[] labels) {
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= Math.max(1, scores.length);
        double var = 0;
        for (double s : scores) {
            var += (s - mean) * (s - mean);
        }
        double std = Math.sqrt(var / Math.max(1, scores.length));
        PlattScaling p = new PlattScaling(mean, std > 0 ? std : 1);
        if (scores.length == 0) {
            return p;
        }
        for (int iter = 0; iter < 50; iter++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int k = 0; k < scores.length; k++) {
                double z = (scores[k] - p.mean) / p.std;
                double q = sigmoid(p.a * z + p.b);
                double r = q - labels[k];
                ga += r * z;
                gb += r;
                double w = Math.max(q * (1 - q), 1e-9);
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            haa += 1e-6;
            hbb += 1e-6;
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            p.a -= da;
            p.b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-9) {
                break;
            }
        }
        return p;
    }

    double probability(double score) {
        return sigmoid(a * (score - mean) / std + b);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
