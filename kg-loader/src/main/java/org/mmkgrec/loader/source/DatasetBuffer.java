package org.mmkgrec.loader.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps everything it is given, in arrival order. The loader reads and validates a
 * whole data set into a buffer before it writes anything, so bad input never half-writes the graph.
 */
public final class DatasetBuffer implements MmkgSink {
    public final List<UserInfo> users = new ArrayList<>();
    public final List<ItemInfo> items = new ArrayList<>();
    public final List<Interaction> interactions = new ArrayList<>();
    public final List<Triple> triples = new ArrayList<>();
    public final List<ItemLink> links = new ArrayList<>();
    public final List<ItemContent> contents = new ArrayList<>();
    public final List<TagUse> tagUses = new ArrayList<>();
    public final List<EntityInfo> entities = new ArrayList<>();

    @Override public void user(UserInfo user) { users.add(user); }
    @Override public void item(ItemInfo item) { items.add(item); }
    @Override public void interaction(Interaction interaction) { interactions.add(interaction); }
    @Override public void triple(Triple triple) { triples.add(triple); }
    @Override public void link(ItemLink link) { links.add(link); }
    @Override public void content(ItemContent content) { contents.add(content); }
    @Override public void tagUse(TagUse tagUse) { tagUses.add(tagUse); }
    @Override public void entity(EntityInfo entity) { entities.add(entity); }
}
