-- V0027: an import record is counted by the import that made it (issue 17). The import inserts
-- its rows in batches as it reads the file, each row naming its record, so the record comes
-- first and its counts are known only at the end: the same transaction then writes them, once.
-- A record is still never changed after that transaction (dg.lead_import_counted_once, in
-- R__dg_leads.sql): not its counts, and no other column ever.
--
-- A lead's import is checked once per statement (dg.lead_check_sources: an import record of the
-- lead's own unit) instead of by a foreign key, which checked it row by row: 5 µs a row, a fifth
-- of what a bulk import costs beyond the table's own work. A record that leads name is not deleted
-- (dg.lead_import_counted_once).

-- The transaction that made the record (people are granted no INSERT of it: the default holds).
ALTER TABLE dg.lead_import ADD COLUMN created_tx xid8 NOT NULL DEFAULT pg_current_xact_id();
COMMENT ON COLUMN dg.lead_import.created_tx IS 'The transaction that made the record; only it may write the counts.';
GRANT UPDATE (rows_read, rows_imported, rows_rejected) ON dg.lead_import TO mtl_editor;

ALTER TABLE dg.lead DROP CONSTRAINT lead_import_id_fkey;
