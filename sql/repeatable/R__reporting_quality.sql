-- Reporting views over quality assurance (issue 18), for BI tools. security_invoker: the
-- reader's own row-level security applies (a finding is its subject's unit's).

CREATE OR REPLACE VIEW reporting.dim_quality_rule WITH (security_invoker = true) AS
SELECT r.code AS rule_code, r.owner_schema::text AS owner_module, r.title, r.severity, r.enabled,
       (r.defaults || r.settings) AS parameters, r.last_checked_at
FROM mqa.rule r;

COMMENT ON VIEW reporting.dim_quality_rule IS 'Quality rules (HQ reference data, visible to all). Grain: one row per rule.';
COMMENT ON COLUMN reporting.dim_quality_rule.rule_code IS 'Key of the rule: <module schema>.<name>, such as dg.lead_incomplete; fact views carry it as rule_code.';
COMMENT ON COLUMN reporting.dim_quality_rule.owner_module IS 'The module that owns the rule, by its schema: dg (demand generation), mm (market management), ….';
COMMENT ON COLUMN reporting.dim_quality_rule.title IS 'What the rule looks for, in a few words.';
COMMENT ON COLUMN reporting.dim_quality_rule.severity IS 'info, warning or critical.';
COMMENT ON COLUMN reporting.dim_quality_rule.enabled IS 'False: the daily check does not run it (its findings stay as they were).';
COMMENT ON COLUMN reporting.dim_quality_rule.parameters IS 'The parameters in effect (HQ''s settings over the defaults), a JSON object such as {"days": 14}.';
COMMENT ON COLUMN reporting.dim_quality_rule.last_checked_at IS 'When the check last ran the rule (NULL: never).';

CREATE OR REPLACE VIEW reporting.fct_finding WITH (security_invoker = true) AS
SELECT f.id AS finding_id, f.rule_code, f.subject_kind, f.subject_id, f.unit_id, f.bu_id, f.state,
       f.first_found_at, f.state_changed_at, f.times_opened,
       f.state IN ('open', 'acknowledged') AS is_open,
       org.fiscal_quarter_label(f.first_found_at::date) AS fiscal_quarter_found
FROM mqa.finding f;

COMMENT ON VIEW reporting.fct_finding IS 'Quality findings: a rule broken by a subject, kept by the daily check. Grain: one row per rule and subject (a violation that comes back reopens its row).';
COMMENT ON COLUMN reporting.fct_finding.finding_id IS 'Key of the finding.';
COMMENT ON COLUMN reporting.fct_finding.rule_code IS 'The rule broken (reporting.dim_quality_rule).';
COMMENT ON COLUMN reporting.fct_finding.subject_kind IS 'What breaks it: lead, activity, programme, msp, quarterly_review or framework.';
COMMENT ON COLUMN reporting.fct_finding.subject_id IS 'The subject''s key: lead_id, activity_id, programme_id, msp_id, review_id or framework_id in the other views, by subject_kind.';
COMMENT ON COLUMN reporting.fct_finding.unit_id IS 'The subject''s unit (reporting.dim_unit).';
COMMENT ON COLUMN reporting.fct_finding.bu_id IS 'The subject''s BU (reporting.dim_business_unit), if it has one.';
COMMENT ON COLUMN reporting.fct_finding.state IS 'open, acknowledged, resolved or waived.';
COMMENT ON COLUMN reporting.fct_finding.first_found_at IS 'When the check first found the violation.';
COMMENT ON COLUMN reporting.fct_finding.state_changed_at IS 'When the finding last changed state (acknowledged, resolved, waived, reopened).';
COMMENT ON COLUMN reporting.fct_finding.times_opened IS '1, plus one each time the violation came back after being resolved.';
COMMENT ON COLUMN reporting.fct_finding.is_open IS 'True while open or acknowledged.';
COMMENT ON COLUMN reporting.fct_finding.fiscal_quarter_found IS 'The fiscal quarter it was first found in, such as FY2027-Q1.';

GRANT SELECT ON reporting.dim_quality_rule, reporting.fct_finding TO mtl_reader, mtl_bi;
