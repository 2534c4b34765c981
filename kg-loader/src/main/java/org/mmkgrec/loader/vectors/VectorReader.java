package org.mmkgrec.loader.vectors;

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
import org.mmkgrec.loader.source.TextLines;

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

    /** Largest .npy header accepted: numpy writes a few hundred bytes; more is a broken file. */
    private static final int MAX_HEADER = 1 << 20;

    private Result readNpy(MmkgSink sink) {
        Path file = config.file();
        List<String> ids = config.ids() == null ? null : readIds(config.ids());
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(
                new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(6);
            if (magic.length < 6 || magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new InputException(file, 0, null, "not a .npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            if (major < 1 || major > 3) {
                throw new InputException(file, 0, "version", "unknown .npy format version " + major + " (1, 2 or 3 expected)");
            }
            long headerLen = major == 1
                    ? Short.toUnsignedInt(Short.reverseBytes(in.readShort()))
                    : Integer.reverseBytes(in.readInt());
            long dataStart = 6 + 2 + (major == 1 ? 2 : 4) + headerLen;
            if (headerLen < 0 || headerLen > MAX_HEADER || dataStart > fileSize) {
                throw new InputException(file, 0, "header", "header length " + headerLen + " is "
                        + (headerLen < 0 ? "negative" : headerLen > MAX_HEADER ? "over " + MAX_HEADER + " bytes"
                        : "past the end of the file (" + fileSize + " bytes)"));
            }
            byte[] headerBytes = in.readNBytes((int) headerLen);
            if (headerBytes.length != headerLen) {
                throw new InputException(file, 0, "header", "file ends inside the header");
            }
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
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
            long rows = shapeValue(file, s.group(1), "rows");
            long dimL = shapeValue(file, s.group(2), "columns");
            if (dimL == 0 || dimL * width > Integer.MAX_VALUE - 8) {
                throw new InputException(file, 0, "shape", "vector dimension " + dimL + " out of range (1 to "
                        + (Integer.MAX_VALUE - 8) / width + ")");
            }
            int dim = (int) dimL;
            long dataBytes;
            try {
                dataBytes = Math.multiplyExact(Math.multiplyExact(rows, dimL), width);
            } catch (ArithmeticException e) {
                throw new InputException(file, 0, "shape", "shape (" + rows + ", " + dim + ") is too large: "
                        + "its size in bytes overflows");
            }
            if (dataStart + dataBytes != fileSize) {
                throw new InputException(file, 0, "shape", "shape (" + rows + ", " + dim + ") of " + width
                        + "-byte floats needs " + dataBytes + " data bytes, the file has " + (fileSize - dataStart)
                        + " after its header");
            }
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
                // a float64 value beyond float32's range becomes infinite here, and is refused as such
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
        } catch (OutOfMemoryError e) {
            throw InputException.outOfMemory(file, 0);
        }
    }

    private static long shapeValue(Path file, String digits, String what) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new InputException(file, 0, "shape", "number of " + what + " " + digits + " is too large");
        }
    }

    private Result readText(MmkgSink sink) {
        Path file = config.file();
        int[] dim = {config.dimension()};
        long[] count = {0};
        try {
            TextLines.read(file, errors, (n, line) -> {
                String[] f = line.strip().split("[\\t,; ]+");
                if (f.length < 2) {
                    errors.report(file, n, null, "expected itemId followed by the vector's values");
                    return;
                }
                float[] v = new float[f.length - 1];
                for (int k = 1; k < f.length; k++) {
                    try {
                        v[k - 1] = Float.parseFloat(f[k]);
                    } catch (NumberFormatException e) {
                        if (n != 1) { // else a header line
                            errors.report(file, n, "value " + k, "not a number: `" + f[k] + "`");
                        }
                        return;
                    }
                }
                if (dim[0] == 0) {
                    dim[0] = v.length;
                }
                if (accept(file, n, f[0], v, dim[0])) {
                    sink.content(new ItemContent(f[0], config.modality(), null, v));
                    count[0]++;
                }
            });
        } catch (OutOfMemoryError e) {
            throw InputException.outOfMemory(file, 0);
        }
        return new Result(count[0], dim[0]);
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
        return errors.rules().content(file, line, "item", new ItemContent(item, config.modality(), null, null));
    }

    /** One id per line; blank or undecodable lines are errors, as they would shift every row after them. */
    private List<String> readIds(Path file) {
        List<String> ids = new ArrayList<>();
        long[] firstBlank = {0};
        TextLines.readAll(file, StandardCharsets.UTF_8, InputErrors.stopping(), (n, line) -> {
            if (line.isBlank()) {
                firstBlank[0] = firstBlank[0] == 0 ? n : firstBlank[0];
                return;
            }
            if (firstBlank[0] > 0) { // blank lines at the end are fine, inside they would shift the rows
                throw new InputException(file, firstBlank[0], "id", "empty: row " + (ids.size() + 1)
                        + " of the vectors would have no item");
            }
            ids.add(line.strip());
        });
        return ids;
    }
}
