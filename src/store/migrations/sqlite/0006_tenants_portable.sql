-- 0006: what lets one municipality move between databases (orden migrate).
--
-- tenants.uid is the municipality's identity in signatures and key
-- bindings: the audit chain's hashes and the wrapped person keys name the
-- tenant by uid, not by the row id, because the row id is whatever the
-- target database hands out while uid travels with the data. It equals id
-- for every tenant created before this migration, so existing chains and
-- keys still verify and open.
ALTER TABLE tenants ADD COLUMN uid INTEGER;
UPDATE tenants SET uid = id;

-- On PostgreSQL every key is (tenant_id, id) so that a moved municipality
-- keeps its ids; "ON CONFLICT (tenant_id, person_id)" must name a unique
-- index on both backends.
CREATE UNIQUE INDEX person_keys_tenant_person ON person_keys(tenant_id, person_id);
