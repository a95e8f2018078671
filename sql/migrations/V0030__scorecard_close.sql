-- V0030: a closed quarter's scorecard is frozen (issue 18). When a fiscal quarter has closed in a
-- unit's time zone, the first scorecard refresh after it (nightly, or the one a quarterly review
-- asks for) stores that unit's figures of the quarter, append-only and audited; the scorecard
-- views then show the stored figures for it, so they do not move when late data arrives, and
-- reporting.fct_scorecard_restatement shows what changed since (R__mqa_scorecard.sql).

-- Which unit's quarters are closed, and when they were frozen.
CREATE TABLE mqa.quarter_close (
    unit_id     bigint NOT NULL REFERENCES org.unit (id),
    fiscal_year integer NOT NULL,
    quarter     smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    closed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_id, fiscal_year, quarter)
);
COMMENT ON TABLE mqa.quarter_close IS 'The fiscal quarters whose scorecard is frozen, per unit: closed in the unit''s time zone and stored by the first refresh after.';

-- The frozen figures: the rows of the materialized scorecards (source activity or lead) of a
-- unit's closed quarter, as they were when it was frozen.
CREATE TABLE mqa.scorecard_snapshot (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source             text NOT NULL CHECK (source IN ('activity', 'lead')),
    fiscal_year        integer NOT NULL,
    quarter            smallint NOT NULL,
    unit_id            bigint NOT NULL,
    bu_id              bigint,
    programme_id       bigint,
    activity_type      text,
    industry           text,
    currency           text,
    activities_planned integer NOT NULL DEFAULT 0,
    activities_done    integer NOT NULL DEFAULT 0,
    invited            bigint NOT NULL DEFAULT 0,
    attended           bigint NOT NULL DEFAULT 0,
    cost_planned       numeric(18,2) NOT NULL DEFAULT 0,
    cost_actual        numeric(18,2) NOT NULL DEFAULT 0,
    leads              integer NOT NULL DEFAULT 0,
    qualified          integer NOT NULL DEFAULT 0,
    opportunities      integer NOT NULL DEFAULT 0,
    handed_off         integer NOT NULL DEFAULT 0,
    accepted           integer NOT NULL DEFAULT 0,
    rejected           integer NOT NULL DEFAULT 0,
    sla_met            integer NOT NULL DEFAULT 0,
    sla_breached       integer NOT NULL DEFAULT 0,
    pipeline           numeric(18,2) NOT NULL DEFAULT 0,
    FOREIGN KEY (unit_id, fiscal_year, quarter) REFERENCES mqa.quarter_close (unit_id, fiscal_year, quarter)
);
CREATE UNIQUE INDEX scorecard_snapshot_key ON mqa.scorecard_snapshot
    (fiscal_year, quarter, unit_id, source, bu_id, programme_id, activity_type, industry, currency) NULLS NOT DISTINCT;
COMMENT ON TABLE mqa.scorecard_snapshot IS 'Frozen scorecard figures of closed quarters (append-only): what the scorecards show for a closed quarter.';

SELECT org.secure_tenant_table('mqa.quarter_close', 'unit_id');
SELECT org.secure_tenant_table('mqa.scorecard_snapshot', 'unit_id', 'bu_id');
-- Written by the refresh only (the owner's); nobody changes or removes them (the append_only
-- triggers, R__mqa_scorecard.sql, refuse even the owner).
REVOKE INSERT, UPDATE, DELETE ON mqa.quarter_close, mqa.scorecard_snapshot FROM mtl_editor;
