package org.mmkgrec.loader.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmkgrec.loader.source.DatasetBuffer;
import org.mmkgrec.loader.source.ErrorPolicy;
import org.mmkgrec.loader.source.InputErrors;

class VectorReaderTest {
    @TempDir
    Path dir;

    /** Writes a version-1.0 .npy file of float32 rows, as numpy.save does. */
    Path npy(String name, float[][] rows, ByteOrder order) throws IOException {
        String header = "{'descr': '" + (order == ByteOrder.BIG_ENDIAN ? ">" : "<") + "f4', 'fortran_order': False, 'shape': ("
                + rows.length + ", " + rows[0].length + "), }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + rows.length * rows[0].length * 4);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.order(order);
        for (float[] row : rows) {
            for (float x : row) {
                b.putFloat(x);
            }
        }
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void readsNpyRowsForTheIdsFile() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path file = npy("img.npy", new float[][] {{1, 2, 3}, {4, 5, 6}}, order);
            Path ids = dir.resolve("ids.txt");
            Files.writeString(ids, "i7\ni9\n");
            DatasetBuffer d = new DatasetBuffer();
            VectorReader.Result r = new VectorReader(new VectorReader.Config("image", file, ids, 3, null),
                    InputErrors.stopping()).read(d);
            assertThat(r.dimension()).isEqualTo(3);
            assertThat(d.contents).extracting(c -> c.itemId() + ":" + c.modality()).containsExactly("i7:image", "i9:image");
            assertThat(d.contents.get(1).vector()).containsExactly(4f, 5f, 6f);
        }
    }

    @Test
    void npyOfTheWrongDimensionIsRefused() throws IOException {
        Path file = npy("img.npy", new float[][] {{1, 2}}, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> new VectorReader(new VectorReader.Config("image", file, null, 3, null),
                InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("img.npy").hasMessageContaining("field `shape`").hasMessageContaining("expected 3");
    }

    @Test
    void delimitedTextChecksDimensionValuesAndItems() throws IOException {
        Path file = dir.resolve("audio.tsv");
        Files.writeString(file, "item\tv1\tv2\n1\t0.5\t0.25\n2\t0.1\n3\t0.1\tNaN\n4\t1\t2\n99\t1\t1\n");
        assertThatThrownBy(() -> new VectorReader(new VectorReader.Config("audio", file, null, 0, Set.of("1", "2", "3", "4")),
                InputErrors.stopping()).read(new DatasetBuffer()))
                .hasMessageContaining("audio.tsv:3: field `vector`: dimension 1, expected 2");
        InputErrors skip = new InputErrors(ErrorPolicy.SKIP);
        DatasetBuffer d = new DatasetBuffer();
        new VectorReader(new VectorReader.Config("audio", file, null, 0, Set.of("1", "2", "3", "4")), skip).read(d);
        // line 3 wrong dimension, line 4 NaN, line 6 unknown item 99
        assertThat(skip.skipped()).isEqualTo(3);
        assertThat(d.contents).extracting(c -> c.itemId()).containsExactly("1", "4");
    }
}
