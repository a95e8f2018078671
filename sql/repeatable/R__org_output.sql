-- Output helpers shared by exports.

-- A text cell made safe for a spreadsheet (OWASP "CSV injection"): a value that starts with
-- =, +, -, @, a tab or a carriage return would run as a formula when the file is opened, so it
-- gets a leading apostrophe, which spreadsheets show as text and do not print; a plain number
-- (-12.5) is left as it is. The same rule is Swift's CSVCell.neutralised (the CLI's lists),
-- pinned to this one by a test. Imports take the apostrophe off again, so an export imports as
-- it is.
CREATE OR REPLACE FUNCTION org.csv_cell(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN value ~ '^[=+@\t\r-]' AND value !~ '^-?[0-9]+(\.[0-9]+)?$' THEN '''' || value ELSE value END;

GRANT EXECUTE ON FUNCTION org.csv_cell(text) TO mtl_reader, mtl_bi;
