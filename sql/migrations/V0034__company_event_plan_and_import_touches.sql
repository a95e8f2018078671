-- V0034 (issue 18): two facts the quality checks and attribution need.

-- How many company-tier activities (thought leadership, few by design) the year's framework
-- plans: the quality rule dg.company_events_over_plan compares the year's activities with it.
-- NULL: the framework plans no number, and the rule says nothing.
ALTER TABLE mm.framework
    ADD COLUMN company_events_planned smallint
        CONSTRAINT framework_company_events_planned CHECK (company_events_planned BETWEEN 0 AND 10000);
COMMENT ON COLUMN mm.framework.company_events_planned IS 'How many company-tier activities the year plans (NULL: no number planned). Changes only in a draft.';
-- HQ admins write it, as they write the framework's other columns.
SELECT org.protect_system_columns('mm.framework', true);

-- A delta import records the activity a known lead's row names as a touchpoint: counted on the
-- import's record, beside the rows it created, updated and skipped.
ALTER TABLE dg.lead_import
    ADD COLUMN touchpoints_recorded integer NOT NULL DEFAULT 0 CHECK (touchpoints_recorded >= 0);
COMMENT ON COLUMN dg.lead_import.touchpoints_recorded IS 'Touchpoints recorded for leads of the unit that rows matched and that named another activity than the lead''s source (on_duplicate skip or update).';
-- Editors insert the record (a column grant, not org.protect_system_columns again, which would
-- widen their UPDATE of the counts to every column).
GRANT INSERT (touchpoints_recorded) ON dg.lead_import TO mtl_editor;
