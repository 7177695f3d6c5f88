-- 0049: each municipality's identity generation, beside its data
-- generation (0045), for the server's per-process cache of who is asking
-- (src/http/ident.c, issue 13). store.c bumps it in the same transaction
-- as any write that can change what authenticating a request answers:
-- a session ended, a token revoked, a person or their roles or password
-- changed, a second factor enrolled or removed, a municipality changed
-- (src/store/ident.c says which statements). A process serves a cached
-- identity only while the sum of its tenant's row and row 0 is what it
-- was before the identity was read; one statement reads both generations.
ALTER TABLE cache_gen ADD COLUMN ident_gen INTEGER NOT NULL DEFAULT 0;
