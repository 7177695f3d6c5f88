-- 0034: a deviation or improvement proposal can name the governing
-- document it concerns (issue 14 item 6: "routine 2128 was not
-- followed"). The deviation module stores the id a src/document/ function
-- gave it and never reads document tables itself; the index lists the
-- deviations tied to one document for its page.
ALTER TABLE deviations ADD COLUMN document_id INTEGER;
CREATE INDEX deviations_document ON deviations (tenant_id, document_id)
    WHERE document_id IS NOT NULL;
