-- V0024: delta imports (issue 17). An import may update the leads of the unit that its rows
-- match (by e-mail, else company and contact name) or skip them; its record counts both.

ALTER TABLE dg.lead_import
    ADD COLUMN rows_updated integer NOT NULL DEFAULT 0 CHECK (rows_updated >= 0),
    ADD COLUMN rows_skipped integer NOT NULL DEFAULT 0 CHECK (rows_skipped >= 0),
    -- What an import did with a row matching a lead of the unit: refuse (the default), skip, update.
    ADD COLUMN on_duplicate text NOT NULL DEFAULT 'refuse' CONSTRAINT lead_import_on_duplicate CHECK (on_duplicate IN ('refuse', 'skip', 'update'));

COMMENT ON COLUMN dg.lead_import.rows_updated IS 'Rows that updated a lead of the unit they matched (on_duplicate update).';
COMMENT ON COLUMN dg.lead_import.rows_skipped IS 'Rows skipped because they matched a lead of the unit (on_duplicate skip).';

GRANT INSERT (rows_updated, rows_skipped, on_duplicate) ON dg.lead_import TO mtl_editor;
