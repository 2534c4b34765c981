// The MMKG schema. Re-runnable: every statement is IF NOT EXISTS. Applied at every start-up.
// Keys of the graph model (ARCHITECTURE.md): uniqueness constraints also give the lookup indexes.
CREATE CONSTRAINT mmkg_user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mmkg_item_id IF NOT EXISTS FOR (n:Item) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mmkg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.entityId IS UNIQUE;
CREATE CONSTRAINT mmkg_content_id IF NOT EXISTS FOR (n:Content) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mmkg_tag_id IF NOT EXISTS FOR (n:Tag) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mmkg_dataset_name IF NOT EXISTS FOR (n:Dataset) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT mmkg_load_step_key IF NOT EXISTS FOR (n:LoadStep) REQUIRE n.key IS UNIQUE;
// Items by popularity: the cold-start fallback orders by it.
CREATE INDEX mmkg_item_popularity IF NOT EXISTS FOR (n:Item) ON (n.popularity);
// Tags by name: filters such as "only items tagged 'jazz'".
CREATE INDEX mmkg_tag_name IF NOT EXISTS FOR (n:Tag) ON (n.name);
// Text content vectors (the offline MiniLM encoder, 384-d, cosine): nearest items by content for
// similar items and cold-start recommendations. Content vectors of other dimensions are not indexed.
CREATE VECTOR INDEX mmkg_text_vectors IF NOT EXISTS FOR (n:Content) ON (n.embedding)
OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}};
// Online interactions are idempotent by their event id (POST /api/v1/interactions).
CREATE CONSTRAINT mmkg_interaction_event IF NOT EXISTS FOR ()-[r:INTERACTED]-() REQUIRE r.eventId IS UNIQUE;
// Online tag assignments are idempotent by their event id (POST /api/v1/tags): one node per event.
CREATE CONSTRAINT mmkg_tag_event IF NOT EXISTS FOR (n:TagEvent) REQUIRE n.eventId IS UNIQUE;
