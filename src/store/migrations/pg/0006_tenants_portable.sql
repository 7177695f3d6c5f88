-- 0006 (PostgreSQL): what lets one municipality move between databases
-- (orden migrate). The same as migrations/sqlite/0006, except:
--  - person_keys_tenant_person is not created: on PostgreSQL the primary
--    key of person_keys is already (tenant_id, person_id) (0003), the
--    unique index "ON CONFLICT (tenant_id, person_id)" needs.
--
-- tenants.uid is the municipality's identity in signatures and key
-- bindings: the audit chain's hashes and the wrapped person keys name the
-- tenant by uid, not by the row id, because the row id is whatever the
-- target database hands out while uid travels with the data. It equals id
-- for every tenant created before this migration, so existing chains and
-- keys still verify and open.
ALTER TABLE tenants ADD COLUMN uid BIGINT;
UPDATE tenants SET uid = id;
