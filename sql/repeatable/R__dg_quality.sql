-- DG's quality rules (mqa.rule, V0028): each a view of its violations, registered with its
-- parameters' defaults. A view returns (subject_kind, subject_id, unit_id, bu_id, details) as
-- its reader may see them (security_invoker); the check reads them as the owner. Details are
-- stable facts (dates, amounts), not ages, so a finding changes only when its facts do.

-- Activities done whose last day is more than `days` days past, without a single lead: judged
-- by results, an event that brought no one is worth a look.
CREATE OR REPLACE VIEW dg.quality_activity_without_leads WITH (security_invoker = true) AS
SELECT 'activity'::text AS subject_kind, a.id AS subject_id, a.unit_id, a.bu_id,
       jsonb_build_object('name', a.name, 'type', a.type, 'ended_on', a.ends_on, 'programme_id', a.programme_id) AS details
FROM dg.activity a
WHERE a.state = 'done'
  AND a.ends_on < current_date - (mqa.parameter('dg.activity_without_leads', 'days'))::integer
  AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.activity_id = a.id);

-- Qualified leads not handed off within `days` days of being qualified.
CREATE OR REPLACE VIEW dg.quality_qualified_not_handed_off WITH (security_invoker = true) AS
SELECT 'lead'::text AS subject_kind, l.id AS subject_id, l.unit_id, l.bu_id,
       jsonb_build_object('company', l.company, 'contact_name', l.contact_name, 'qualified_at', l.state_changed_at) AS details
FROM dg.lead l
WHERE l.state = 'qualified'
  AND l.state_changed_at < now() - make_interval(days => (mqa.parameter('dg.qualified_not_handed_off', 'days'))::integer);

-- Hand-offs still waiting for an answer past their acceptance SLA.
CREATE OR REPLACE VIEW dg.quality_handoff_past_sla WITH (security_invoker = true) AS
SELECT 'lead'::text AS subject_kind, l.id AS subject_id, l.unit_id, l.bu_id,
       jsonb_build_object('company', l.company, 'handed_to', l.handed_to, 'handed_off_at', l.handed_off_at,
                          'sla_due_at', l.sla_due_at) AS details
FROM dg.lead l
WHERE l.state = 'handed_off' AND l.sla_due_at < now();

-- Programmes that have spent at least `share` of their approved budget (actual costs of done
-- activities) and have no lead yet.
CREATE OR REPLACE VIEW dg.quality_programme_spent_without_leads WITH (security_invoker = true) AS
SELECT 'programme'::text AS subject_kind, p.id AS subject_id, p.unit_id, p.bu_id,
       jsonb_build_object('name', p.name, 'approved_budget', s.approved, 'spend', s.spend, 'currency', p.currency) AS details
FROM dg.programme p
CROSS JOIN LATERAL (
    SELECT dg.approved_budget(p.id) AS approved,
           (SELECT coalesce(sum(a.actual_cost), 0) FROM dg.activity a WHERE a.programme_id = p.id AND a.state = 'done') AS spend
) s
WHERE p.state IN ('approved', 'running') AND s.approved > 0
  AND s.spend >= s.approved * (mqa.parameter('dg.programme_spent_without_leads', 'share'))::numeric
  AND NOT EXISTS (SELECT FROM dg.lead l JOIN dg.activity a ON a.id = l.activity_id WHERE a.programme_id = p.id);

-- Programmes whose budget was approved more than `days` days ago and that have not started.
CREATE OR REPLACE VIEW dg.quality_budget_approved_not_started WITH (security_invoker = true) AS
SELECT 'programme'::text AS subject_kind, p.id AS subject_id, p.unit_id, p.bu_id,
       jsonb_build_object('name', p.name, 'approved_at', d.approved_at, 'starts_on', p.starts_on) AS details
FROM dg.programme p
CROSS JOIN LATERAL (
    SELECT min(r.closed_at) AS approved_at
    FROM dg.budget b JOIN approval.request r ON r.kind = 'budget' AND r.subject_id = b.id AND r.state = 'approved'
    WHERE b.programme_id = p.id
) d
WHERE p.state = 'approved'
  AND d.approved_at < now() - make_interval(days => (mqa.parameter('dg.budget_approved_not_started', 'days'))::integer);

-- Open leads (not yet handed off) whose information completeness is below `threshold` (0–5).
CREATE OR REPLACE VIEW dg.quality_lead_incomplete WITH (security_invoker = true) AS
SELECT 'lead'::text AS subject_kind, l.id AS subject_id, l.unit_id, l.bu_id,
       jsonb_build_object('company', l.company, 'contact_name', l.contact_name, 'completeness', l.completeness) AS details
FROM dg.lead l
WHERE l.state IN ('new', 'qualifying', 'qualified')
  AND l.completeness < (mqa.parameter('dg.lead_incomplete', 'threshold'))::numeric;

-- Years that hold more company-tier activities (not cancelled) than their framework planned
-- (mm.framework.company_events_planned): company-level events are meant to be few, and the seeds
-- complain of showy summits nobody measures. HQ's finding, about the framework in force or past.
CREATE OR REPLACE VIEW dg.quality_company_events_over_plan WITH (security_invoker = true) AS
SELECT 'framework'::text AS subject_kind, f.id AS subject_id, org.hq() AS unit_id, NULL::bigint AS bu_id,
       jsonb_build_object('fiscal_year', f.fiscal_year, 'planned', f.company_events_planned, 'activities', n.activities) AS details
FROM mm.framework f
CROSS JOIN LATERAL (
    SELECT count(*) AS activities
    FROM dg.activity a JOIN dg.programme p ON p.id = a.programme_id
    WHERE p.tier = 'company' AND p.fiscal_year = f.fiscal_year AND a.state <> 'cancelled'
) n
WHERE f.state IN ('published', 'superseded') AND n.activities > f.company_events_planned;

SELECT mqa.register_rule('dg.activity_without_leads', 'Activities done with no leads', 'warning',
                         'quality_activity_without_leads', '{"days": 14}');
SELECT mqa.register_rule('dg.qualified_not_handed_off', 'Qualified leads not handed off in time', 'warning',
                         'quality_qualified_not_handed_off', '{"days": 7}');
SELECT mqa.register_rule('dg.handoff_past_sla', 'Hand-offs past their acceptance SLA', 'critical',
                         'quality_handoff_past_sla');
SELECT mqa.register_rule('dg.programme_spent_without_leads', 'Programmes that spent budget with no leads', 'warning',
                         'quality_programme_spent_without_leads', '{"share": 0.5}');
SELECT mqa.register_rule('dg.budget_approved_not_started', 'Programmes approved but not started', 'info',
                         'quality_budget_approved_not_started', '{"days": 30}');
SELECT mqa.register_rule('dg.lead_incomplete', 'Open leads below the completeness threshold', 'info',
                         'quality_lead_incomplete', '{"threshold": 2.5}');
SELECT mqa.register_rule('dg.company_events_over_plan', 'More company-tier activities than the framework planned', 'warning',
                         'quality_company_events_over_plan');

GRANT SELECT ON dg.quality_activity_without_leads, dg.quality_qualified_not_handed_off, dg.quality_handoff_past_sla,
                dg.quality_programme_spent_without_leads, dg.quality_budget_approved_not_started, dg.quality_lead_incomplete,
                dg.quality_company_events_over_plan
    TO mtl_reader;
