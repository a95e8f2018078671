-- V0027: an import record is counted by the import that made it (issue 17). The import inserts
-- its rows in batches as it reads the file, each row naming its record, so the record comes
-- first and its counts are known only at the end: the same transaction then writes them, once.
-- A record is still never changed after that transaction (dg.lead_import_counted_once, in
-- R__dg_leads.sql): not its counts, and no other column ever.
-- mtl:then-apply R__dg_leads

GRANT UPDATE (rows_read, rows_imported, rows_rejected) ON dg.lead_import TO mtl_editor;
