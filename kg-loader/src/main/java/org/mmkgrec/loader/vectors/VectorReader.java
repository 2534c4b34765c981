package org.mmkgrec.loader.vectors;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mmkgrec.loader.source.InputErrors;
import org.mmkgrec.loader.source.InputException;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.source.MmkgSink;

/**
 * Precomputed feature vectors of one modality (image, audio, text...), as MMRec ships them:
 * <ul>
 *   <li>{@code .npy}: a 2-D float32/float64 array in C order, either byte order; row {@code r}
 *       belongs to line {@code r} of the ids file, or to item {@code r} when there is none.</li>
 *   <li>delimited text: {@code itemId<TAB or comma>v1<sep>v2...}, an optional header line.</li>
 * </ul>
 * Every vector's dimension is checked (against {@link Config#dimension()} or the first vector), and
 * NaN or infinite values are refused. Rows of .npy files are reported as line {@code r + 1}.
 */
public final class VectorReader {

    /**
     * @param ids one item id per line for .npy rows; null: row r is item r
     * @param dimension expected dimension, or 0 to take the first vector's
     * @param knownItems items of the data set (vectors of other items are errors), or null
     */
    public record Config(String modality, Path file, Path ids, int dimension, Set<String> knownItems) {
        public Config {
            if (dimension < 0) {
                throw new IllegalArgumentException("`dimension` must be >= 0, was " + dimension);
            }
        }
    }

    public record Result(long vectors, int dimension) {}

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\((\\d+)\\s*,\\s*(\\d+)\\s*,?\\s*\\)");

    private final Config config;
    private final InputErrors errors;

    public VectorReader(Config config, InputErrors errors) {
        this.config = config;
        this.errors = errors;
    }

    public Result read(MmkgSink sink) {
        return config.file().getFileName().toString().endsWith(".npy") ? readNpy(sink) : readText(sink);
    }

    private Result readNpy(MmkgSink sink) {
        Path file = config.file();
        List<String> ids = config.ids() == null ? null : readIds(config.ids());
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(
                new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(6);
            if (magic.length < 6 || magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new InputException(file, 0, null, "not a .npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLen = major == 1
                    ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !s.find()) {
                throw new InputException(file, 0, "header", "expected a 2-D float array, header was " + header.strip());
            }
            if (f.find() && f.group(1).equals("True")) {
                throw new InputException(file, 0, "fortran_order", "Fortran-order arrays are not supported; save with C order");
            }
            if (!d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8"))) {
                throw new InputException(file, 0, "descr", "expected float32 or float64, got " + d.group(0));
            }
            int width = Integer.parseInt(d.group(3));
            ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            long rows = Long.parseLong(s.group(1));
            int dim = Integer.parseInt(s.group(2));
            if (config.dimension() > 0 && dim != config.dimension()) {
                throw new InputException(file, 0, "shape", "vectors have dimension " + dim + ", expected " + config.dimension());
            }
            if (ids != null && ids.size() != rows) {
                throw new InputException(config.ids(), 0, null, ids.size() + " ids for " + rows + " rows of " + file.getFileName());
            }
            byte[] row = new byte[dim * width];
            long count = 0;
            for (long r = 0; r < rows; r++) {
                in.readFully(row);
                ByteBuffer buf = ByteBuffer.wrap(row).order(order);
                float[] v = new float[dim];
                for (int k = 0; k < dim; k++) {
                    v[k] = width == 4 ? buf.getFloat() : (float) buf.getDouble();
                }
                String item = ids != null ? ids.get((int) r) : Long.toString(r);
                if (accept(file, r + 1, item, v, dim)) {
                    sink.content(new ItemContent(item, config.modality(), null, v));
                    count++;
                }
            }
            return new Result(count, dim);
        } catch (java.io.EOFException e) {
            throw new InputException(file, 0, null, "file ends before the rows its header announces");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Result readText(MmkgSink sink) {
        Path file = config.file();
        int dim = config.dimension();
        long count = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split("[\\t,; ]+");
                if (f.length < 2) {
                    errors.report(file, n, null, "expected itemId followed by the vector's values");
                    continue;
                }
                float[] v = new float[f.length - 1];
                boolean ok = true;
                for (int k = 1; k < f.length && ok; k++) {
                    try {
                        v[k - 1] = Float.parseFloat(f[k]);
                    } catch (NumberFormatException e) {
                        if (n == 1) {
                            ok = false; // a header line
                        } else {
                            errors.report(file, n, "value " + k, "not a number: `" + f[k] + "`");
                            ok = false;
                        }
                    }
                }
                if (!ok) {
                    continue;
                }
                if (dim == 0) {
                    dim = v.length;
                }
                if (accept(file, n, f[0], v, dim)) {
                    sink.content(new ItemContent(f[0], config.modality(), null, v));
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Result(count, dim);
    }

    private boolean accept(Path file, long line, String item, float[] v, int dim) {
        if (v.length != dim) {
            errors.report(file, line, "vector", "dimension " + v.length + ", expected " + dim);
            return false;
        }
        for (float x : v) {
            if (!Float.isFinite(x)) {
                errors.report(file, line, "vector", "NaN or infinite value for item `" + item + "`");
                return false;
            }
        }
        if (config.knownItems() != null && !config.knownItems().contains(item)) {
            errors.report(file, line, "item", "unknown item `" + item + "`");
            return false;
        }
        return true;
    }

    private static List<String> readIds(Path file) {
        try {
            List<String> ids = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    ids.add(l.strip());
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
