// Parameters: $versionId, $userId
// A user's modality weights under a trained version with attention fusion (no row for other versions)
MATCH (v:ModelVersion {id: $versionId}) WHERE v.modalities IS NOT NULL
MATCH (u:User {id: $userId})
WITH v, u[v.property + '_modalities'] AS weights WHERE weights IS NOT NULL
RETURN v.modalities AS modalities, weights
