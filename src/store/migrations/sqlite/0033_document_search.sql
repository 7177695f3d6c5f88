-- 0033: full-text search over governing documents (issue 14, "Find it"):
-- an FTS5 index of each document's ID, title and the text of its current
-- version, the rowid being documents.id. Owned by src/document/
-- (search.c writes it, query.c reads it). Derived data: `orden migrate`
-- does not copy it.
-- It is kept by document_do, in the transaction of the change (a document
-- made or edited, a version made current), not by triggers: connections
-- run with trusted_schema off (store/sqlite.c), and then SQLite refuses a
-- virtual table inside a trigger.
-- unicode61 without diacritic folding: å, æ and ø stay letters of their
-- own, as a Norwegian reader expects.
CREATE VIRTUAL TABLE documents_fts USING fts5(
	code, title, body, tenant_id UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');

-- The documents there already.
INSERT INTO documents_fts (rowid, code, title, body, tenant_id)
SELECT d.id, d.code, d.title, v.body, d.tenant_id FROM documents d
LEFT JOIN document_versions v ON v.tenant_id = d.tenant_id
    AND v.document_id = d.id AND v.number = d.current_version;
