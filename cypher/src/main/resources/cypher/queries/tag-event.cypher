// A stored tag assignment event (POST /api/v1/tags), if any: what it was, so a repeat can be told
// from a different assignment under the same event id. Parameters: $eventId.
MATCH (e:TagEvent {eventId: $eventId})
RETURN e.userId AS userId, e.itemId AS itemId, e.requested AS requested, e.tags AS tags
