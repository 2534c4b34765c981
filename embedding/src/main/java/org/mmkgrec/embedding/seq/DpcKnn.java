package org.mmkgrec.embedding.seq;

import java.util.Arrays;

/**
 * Density-peak clustering with k nearest neighbours (DPC-KNN; Rodriguez and Laio, Science 2014, with
 * the kNN density of Du et al. 2016), as MISSRec's multimodal interest discovery uses it to find
 * interest prototypes among item tokens:
 * <ul>
 *   <li>local density {@code rho_i = exp(-mean over i's k nearest neighbours j of d_ij^2)};</li>
 *   <li>distance to a denser point {@code delta_i = min over j denser than i of d_ij} (the densest
 *       point: its largest distance to any point); "denser" is higher density, ties by the lower index;</li>
 *   <li>the {@code m} points with the largest {@code rho x delta} are the centres (ties by index);</li>
 *   <li>every point joins its nearest centre (ties by the lower centre position), a centre itself.</li>
 * </ul>
 * Distances are Euclidean. Cost O(n^2 d) time and O(n k) memory beyond the points.
 */
public final class DpcKnn {

    /**
     * @param centres point indexes of the centres, by decreasing {@code rho x delta}
     * @param assignment per point, the position in {@code centres} of its cluster
     */
    public record Result(int[] centres, int[] assignment, double[] density, double[] delta) {}

    private DpcKnn() {}

    /** Clusters {@code points} (n rows of equal length) into {@code m} clusters with {@code k}-neighbour densities. */
    public static Result cluster(float[][] points, int k, int m) {
        int n = points.length;
        if (n == 0) {
            throw new IllegalArgumentException("no points to cluster");
        }
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("`k` must be in 1.." + (n - 1) + " for " + n + " points, was " + k);
        }
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("`m` (centres) must be in 1.." + n + ", was " + m);
        }
        int d = points[0].length;
        for (int i = 0; i < n; i++) {
            if (points[i].length != d) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " values, point 0 has " + d);
            }
        }
        double[] density = new double[n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = j == i ? Double.POSITIVE_INFINITY : squared(points[i], points[j]);
            }
            double[] sorted = row.clone();
            Arrays.sort(sorted);
            double sum = 0;
            for (int q = 0; q < k; q++) {
                sum += sorted[q];
            }
            density[i] = Math.exp(-sum / k);
        }
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            double farthest = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dist = Math.sqrt(squared(points[i], points[j]));
                farthest = Math.max(farthest, dist);
                if (denser(density, j, i) && dist < best) {
                    best = dist;
                }
            }
            delta[i] = best == Double.POSITIVE_INFINITY ? farthest : best;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(density[b] * delta[b], density[a] * delta[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] centres = new int[m];
        for (int c = 0; c < m; c++) {
            centres[c] = order[c];
        }
        int[] assignment = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                double dist = squared(points[i], points[centres[c]]);
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            assignment[i] = best;
        }
        return new Result(centres, assignment, density, delta);
    }

    private static boolean denser(double[] density, int j, int i) {
        return density[j] > density[i] || (density[j] == density[i] && j < i);
    }

    private static double squared(float[] a, float[] b) {
        double s = 0;
        for (int q = 0; q < a.length; q++) {
            double x = (double) a[q] - b[q];
            s += x * x;
        }
        return s;
    }
}
