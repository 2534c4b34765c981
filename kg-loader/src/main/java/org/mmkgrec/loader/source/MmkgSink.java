package org.mmkgrec.loader.source;

/**
 * Where readers push what they read, in the manner of Jena's {@code StreamRDF}: counting,
 * buffering and validation are wrappers around a sink, never part of a reader.
 */
public interface MmkgSink {
    default void user(UserInfo user) {}

    default void item(ItemInfo item) {}

    default void interaction(Interaction interaction) {}

    default void triple(Triple triple) {}

    default void link(ItemLink link) {}

    default void content(ItemContent content) {}

    default void tagUse(TagUse tagUse) {}

    default void entity(EntityInfo entity) {}
}
