package org.mmkgrec.embedding.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The report as a console table, as JSON, and as an HTML page with SVG charts. */
public final class ReportWriter {
    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1"};

    private ReportWriter() {}

    public static String table(EvaluationReport r) {
        List<String> keys = metricKeys(r);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %s protocol (%,d test %s, seed %d)%n", r.dataset(), r.protocol(),
                r.testPairs(), r.protocol().equals("ctr") ? "pairs" : r.protocol().equals("tags") ? "posts" : "users", r.seed()));
        sb.append(String.format("%-12s", "model"));
        keys.forEach(k -> sb.append(String.format("%18s", k)));
        sb.append(String.format("%10s%10s%10s%n", "fit s", "s/epoch", "RSS MiB"));
        double fitTotal = 0;
        for (EvaluationReport.ModelResult m : r.models()) {
            sb.append(String.format("%-12s", m.model()));
            keys.forEach(k -> sb.append(String.format("%18s", cell(m.metrics(), k))));
            sb.append(String.format(Locale.ROOT, "%10.1f%10s%10d%n", m.fitSeconds(),
                    m.epochs() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", m.secondsPerEpoch()), m.peakRssMb()));
            fitTotal += m.fitSeconds();
        }
        r.anchors().forEach((name, metrics) -> {
            sb.append(String.format("%-12s", "anchor"));
            keys.forEach(k -> sb.append(metrics.containsKey(k)
                    ? String.format(Locale.ROOT, "%18.3f", metrics.get(k)) : String.format("%18s", "")));
            sb.append("   ").append(name).append('\n');
        });
        sb.append(String.format(Locale.ROOT, "total %.1f s (training %.1f s), peak RSS %d MiB%n", r.totalSeconds(), fitTotal,
                r.peakRssMb()));
        return sb.toString();
    }

    /** A tuning run's page: the trials as a table and their eval metric as a chart, the chosen one marked. */
    public static void writeTuneHtml(org.mmkgrec.embedding.tune.Tuner.Result r, Map<String, Double> test, String dataset, Path file) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>MMKG-Rec tune</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px}"
                + "table{border-collapse:collapse}</style></head><body>");
        h.append("<h1>tune ").append(esc(r.model())).append(" on ").append(esc(dataset)).append("</h1>");
        h.append("<p>Chosen on the eval split (").append(esc(r.metric())).append("): trial ").append(r.best().index() + 1)
                .append(", ").append(esc(r.best().asParams(r.model()))).append(". Test figures of that configuration, read once: ")
                .append(esc(test.toString())).append("</p>");
        if (!r.rule().isEmpty()) {
            h.append("<p>").append(esc(r.rule())).append("</p>");
        }
        h.append("<h2>Eval ").append(esc(r.metric())).append(" per trial</h2>")
                .append(line(r.trials().stream().map(org.mmkgrec.embedding.tune.Tuner.Trial::eval).toList()));
        h.append("<table><tr><th>trial</th><th>eval ").append(esc(r.metric()))
                .append("</th><th>standard error</th><th>fit s</th><th>epochs run</th><th>kept</th><th>prior lambda</th><th>parameters</th></tr>");
        for (org.mmkgrec.embedding.tune.Tuner.Trial t : r.trials()) {
            h.append(String.format(Locale.ROOT, "<tr%s><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.1f</td><td>%d</td><td>%d</td><td>%.2f</td><td>%s</td></tr>",
                    t == r.best() ? " style=\"font-weight:bold\"" : "", t.index() + 1, t.eval(), t.standardError(), t.fitSeconds(), t.epochsRun(),
                    t.keptEpoch(), t.priorLambda(), esc(t.asParams(r.model()))));
        }
        h.append("</table></body></html>");
        try {
            createParent(file);
            Files.writeString(file, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The mean, with {@code ±sd} when the metric was measured over several seeds. */
    static String cell(Map<String, Double> metrics, String key) {
        double v = metrics.getOrDefault(key, Double.NaN);
        Double sd = metrics.get(key + ".sd");
        return sd == null ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4f±%.4f", v, sd);
    }

    public static void writeJson(EvaluationReport r, Path file) {
        try {
            createParent(file);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeHtml(EvaluationReport r, Path file) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>MMKG-Rec evaluation</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>");
        h.append("<h1>").append(esc(r.dataset())).append(" — ").append(esc(r.protocol())).append(" protocol</h1>");
        h.append("<pre>").append(esc(table(r))).append("</pre>");
        if (r.protocol().equals("ctr")) {
            for (String metric : List.of("auc", "f1")) {
                h.append("<h2>").append(metric.toUpperCase()).append("</h2>").append(bars(r, metric));
            }
        } else {
            for (String metric : List.of("recall", "ndcg")) {
                h.append("<h2>").append(metric.toUpperCase()).append("@K</h2>").append(curves(r, metric));
            }
        }
        for (EvaluationReport.ModelResult m : r.models()) {
            if (!m.lossCurve().isEmpty()) {
                h.append("<h2>Training loss: ").append(esc(m.model())).append("</h2>").append(line(m.lossCurve()));
            }
        }
        h.append("</body></html>");
        try {
            createParent(file);
            Files.writeString(file, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A training run's page: its figures as a table and the loss per epoch as a line chart. */
    public static void writeTrainingHtml(String title, Map<String, ?> figures, List<Double> losses, Path file) {
        writeTrainingHtml(title, figures, losses, null, file);
    }

    /** With the eval-split metric at the training checks, when the model was watched. */
    public static void writeTrainingHtml(String title, Map<String, ?> figures, List<Double> losses,
            org.mmkgrec.embedding.train.TrainHistory eval, Path file) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;"
                + "padding:4px 8px}table{border-collapse:collapse}</style></head><body><h1>").append(esc(title)).append("</h1><table>");
        figures.forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(String.valueOf(v)))
                .append("</td></tr>"));
        h.append("</table>");
        if (!losses.isEmpty()) {
            h.append("<h2>Training loss per epoch</h2>").append(line(losses));
        }
        if (eval != null && !eval.checkValues().isEmpty()) {
            h.append("<h2>Eval-split ").append(esc(eval.metric())).append(" at epochs ").append(esc(eval.checkEpochs().toString()))
                    .append(" (kept: epoch ").append(eval.bestEpoch()).append(eval.stoppedEarly() ? ", stopped early" : "")
                    .append(")</h2>").append(line(eval.checkValues()));
        }
        h.append("</body></html>");
        try {
            createParent(file);
            Files.writeString(file, h);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String bars(EvaluationReport r, String metric) {
        int w = 120;
        StringBuilder s = new StringBuilder("<svg width=\"" + (w * r.models().size() + 60) + "\" height=\"260\">");
        int x = 40;
        for (int k = 0; k < r.models().size(); k++) {
            EvaluationReport.ModelResult m = r.models().get(k);
            double v = m.metrics().getOrDefault(metric, 0.0);
            int hgt = (int) Math.round(200 * (Double.isNaN(v) ? 0 : v));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
                    x, 220 - hgt, w - 20, hgt, COLOURS[k % COLOURS.length]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%.3f</text>", x, 215 - hgt, v));
            s.append(String.format("<text x=\"%d\" y=\"240\" font-size=\"12\">%s</text>", x, esc(m.model())));
            x += w;
        }
        r.anchors().forEach((name, metrics) -> {
            Double v = metrics.get(metric);
            if (v != null) {
                int y = 220 - (int) Math.round(200 * v);
                s.append(String.format(Locale.ROOT, "<line x1=\"30\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"black\" "
                        + "stroke-dasharray=\"4\"/><text x=\"32\" y=\"%d\" font-size=\"11\">anchor %.3f</text>",
                        40 + w * r.models().size(), y, y, y - 3, v));
            }
        });
        return s.append("</svg>").toString();
    }

    private static String curves(EvaluationReport r, String metric) {
        List<Integer> ks = new ArrayList<>();
        r.models().get(0).metrics().keySet().stream().filter(k -> k.startsWith(metric + "@") && !k.contains("."))
                .forEach(k -> ks.add(Integer.parseInt(k.substring(k.indexOf('@') + 1))));
        double max = r.models().stream().flatMap(m -> ks.stream().map(k -> m.metrics().getOrDefault(metric + "@" + k, 0.0)))
                .mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder s = new StringBuilder("<svg width=\"560\" height=\"260\">");
        for (int k = 0; k < r.models().size(); k++) {
            EvaluationReport.ModelResult m = r.models().get(k);
            StringBuilder pts = new StringBuilder();
            for (int j = 0; j < ks.size(); j++) {
                double v = m.metrics().getOrDefault(metric + "@" + ks.get(j), 0.0);
                pts.append(String.format(Locale.ROOT, "%d,%d ", 40 + j * 120, 220 - (int) Math.round(200 * v / max)));
            }
            s.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", pts,
                    COLOURS[k % COLOURS.length]));
            s.append(String.format("<text x=\"440\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>", 20 + 15 * k,
                    COLOURS[k % COLOURS.length], esc(m.model())));
        }
        for (int j = 0; j < ks.size(); j++) {
            s.append(String.format("<text x=\"%d\" y=\"240\" font-size=\"12\">K=%d</text>", 30 + j * 120, ks.get(j)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"20\" font-size=\"11\">%.3f</text>", max));
        return s.append("</svg>").toString();
    }

    private static String line(List<Double> values) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        StringBuilder pts = new StringBuilder();
        for (int j = 0; j < values.size(); j++) {
            double y = max > min ? (values.get(j) - min) / (max - min) : 0.5;
            pts.append(String.format(Locale.ROOT, "%d,%d ", 40 + j * 480 / Math.max(1, values.size() - 1),
                    220 - (int) Math.round(200 * y)));
        }
        return String.format(Locale.ROOT, "<svg width=\"560\" height=\"240\"><polyline points=\"%s\" fill=\"none\" "
                + "stroke=\"#4e79a7\" stroke-width=\"2\"/><text x=\"0\" y=\"20\" font-size=\"11\">%.4f</text>"
                + "<text x=\"0\" y=\"220\" font-size=\"11\">%.4f</text><text x=\"260\" y=\"238\" font-size=\"11\">epoch</text></svg>",
                pts, max, min);
    }

    private static List<String> metricKeys(EvaluationReport r) {
        return r.models().isEmpty() ? List.of() : new ArrayList<>(r.models().get(0).metrics().keySet()).stream()
                .filter(k -> !k.contains("."))
                .filter(k -> !r.protocol().equals("topk") || k.endsWith("@20") || k.endsWith("@10")).toList();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void createParent(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
    }

}
