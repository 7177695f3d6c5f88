-- 0069 (PostgreSQL): every change of a municipality's generation tells the
-- servers that listen (store/pg_listen.c), when its transaction commits:
-- NOTIFY orden_cache_gen with the tenant id ('0' for a write naming none,
-- and for a removal, which every tenant's answers may depend on). A server
-- then keeps the generations it read until such a notice comes, instead of
-- asking for them on every cached answer. Runs with orden.tenant '*'.
CREATE FUNCTION cache_gen_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
		PERFORM pg_notify('orden_cache_gen', NEW.tenant_id::text);
	ELSE
		PERFORM pg_notify('orden_cache_gen', '0');
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER cache_gen_notify_row AFTER INSERT OR UPDATE OR DELETE
	ON cache_gen FOR EACH ROW EXECUTE FUNCTION cache_gen_notify();
CREATE TRIGGER cache_gen_notify_truncate AFTER TRUNCATE
	ON cache_gen FOR EACH STATEMENT EXECUTE FUNCTION cache_gen_notify();
