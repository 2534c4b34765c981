package org.mmkgrec.loader.source;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules that span records and files, checked as the records are read so that a violation is
 * reported with the file and line of the record that breaks it (and before anything is written):
 * <ul>
 *   <li>an item stands for at most one KG entity, and an entity for at most one item (the item node is
 *       its own entity node, so either kind of double link would merge or split nodes);</li>
 *   <li>at most one content record per item and modality (the multimodal node's id is
 *       {@code item/modality}, unique in the store).</li>
 * </ul>
 * One instance per load, shared by all its readers through their {@link InputErrors}. Repeating an
 * identical link is allowed (it is the same fact twice).
 */
public final class CrossRecordRules {
    private final InputErrors errors;
    private final Map<String, Located> entityOfItem = new HashMap<>();
    private final Map<String, Located> itemOfEntity = new HashMap<>();
    private final Map<String, Located> contentIds = new HashMap<>();

    /** Where a record was first seen: the other value and the place. */
    private record Located(String value, Path file, long line) {
        String where() {
            return file.getFileName() + (line > 0 ? ":" + line : "");
        }
    }

    CrossRecordRules(InputErrors errors) {
        this.errors = errors;
    }

    /**
     * Checks a link; false (and reported) when the item already stands for another entity or the
     * entity for another item. {@code itemField} and {@code entityField} name the fields in messages.
     */
    public boolean link(Path file, long line, String itemField, String entityField, ItemLink link) {
        Located entity = entityOfItem.get(link.itemId());
        if (entity != null && !entity.value().equals(link.entityId())) {
            errors.report(file, line, itemField, "item `" + link.itemId() + "` is linked to two entities: `"
                    + entity.value() + "` (" + entity.where() + ") and `" + link.entityId() + "`");
            return false;
        }
        Located item = itemOfEntity.get(link.entityId());
        if (item != null && !item.value().equals(link.itemId())) {
            errors.report(file, line, entityField, "entity `" + link.entityId() + "` is linked to two items: `"
                    + item.value() + "` (" + item.where() + ") and `" + link.itemId() + "`");
            return false;
        }
        entityOfItem.putIfAbsent(link.itemId(), new Located(link.entityId(), file, line));
        itemOfEntity.putIfAbsent(link.entityId(), new Located(link.itemId(), file, line));
        return true;
    }

    /** Checks a content record; false (and reported) when the item already has content in that modality. */
    public boolean content(Path file, long line, String field, ItemContent content) {
        String key = content.itemId() + "/" + content.modality();
        Located before = contentIds.putIfAbsent(key, new Located(content.itemId(), file, line));
        if (before != null) {
            errors.report(file, line, field, "item `" + content.itemId() + "` already has " + content.modality()
                    + " content (" + before.where() + ")");
            return false;
        }
        return true;
    }
}
