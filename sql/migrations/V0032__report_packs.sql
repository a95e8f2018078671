-- V0032: quarterly report packs (issue 18). At each fiscal quarter's close in a region's clock,
-- the scheduler refreshes the scorecards (which freezes the closed quarter), renders the
-- region's scorecard as one HTML file and stores it here, scoped like the region.
CREATE TABLE mqa.report_pack (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id        bigint NOT NULL REFERENCES org.unit (id),
    fiscal_year    integer NOT NULL,
    quarter        smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    title          text NOT NULL,
    html           text NOT NULL,
    job_id         bigint,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     name NOT NULL DEFAULT session_user,
    CONSTRAINT report_pack_once UNIQUE (unit_id, fiscal_year, quarter)
);
COMMENT ON TABLE mqa.report_pack IS 'Quarterly report packs: a region''s scorecard of a closed quarter as one HTML file, rendered and stored by the scheduler; scoped like the region.';
SELECT org.secure_tenant_table('mqa.report_pack', 'unit_id');
REVOKE INSERT, UPDATE, DELETE ON mqa.report_pack FROM mtl_editor;

-- One pack schedule per region, on the region's clock, an hour after its quarterly review.
INSERT INTO scheduler.schedule (name, description, kind, args, rule, time_zone, misfire_policy, max_attempts)
SELECT 'report.quarterly_pack:' || lower(u.code),
       format('Render and store %s''s quarterly report pack after each fiscal quarter closes.', u.code),
       'report.quarterly_pack', jsonb_build_object('unit', u.code), 'quarter-close + 1 day 07:00', u.time_zone, 'fire_once', 5
FROM org.unit u WHERE u.kind = 'region' AND u.time_zone IS NOT NULL;
