package org.mmkgrec.loader;

import java.util.List;
import org.mmkgrec.loader.source.ItemContent;
import org.mmkgrec.loader.text.TextEncoder;

/** Fills the vectors of text content that arrived without one, in place. */
final class ContentEncoding {
    private ContentEncoding() {}

    static void encodeText(List<ItemContent> contents, boolean quiet) {
        List<Integer> todo = new java.util.ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            ItemContent c = contents.get(i);
            if (c.vector() == null && c.text() != null && !c.text().isBlank()) {
                todo.add(i);
            }
        }
        List<float[]> vectors = TextEncoder.encodeAll(todo.stream().map(i -> contents.get(i).text()).toList(), quiet);
        for (int k = 0; k < todo.size(); k++) {
            ItemContent c = contents.get(todo.get(k));
            contents.set(todo.get(k), new ItemContent(c.itemId(), c.modality(), c.text(), vectors.get(k)));
        }
    }
}
