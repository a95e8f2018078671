-- Descriptions of the schemas, shown by psql's \dn+ and by BI tools.
COMMENT ON SCHEMA org IS 'Organisation: units (HQ, regions, countries), business units, grants of units to roles.';
COMMENT ON SCHEMA mi IS 'Market Insight (MI): insight topics, analyses and their sources.';
COMMENT ON SCHEMA mm IS 'Market Management (MM): segments, portfolio scoring, Market Segment Plans, marketing frameworks.';
COMMENT ON SCHEMA dg IS 'Demand Generation (DG): programmes, activities, assets, budgets and leads.';
COMMENT ON SCHEMA sce IS 'Seller Competence Enablement (SCE): enablement materials, kits and ratings.';
COMMENT ON SCHEMA mqa IS 'Marketing Quality Assurance (MQA): scorecards and quality checks.';
COMMENT ON SCHEMA approval IS 'Generic approval requests and decisions (four-eyes), for frameworks, MSPs and budgets.';
COMMENT ON SCHEMA audit IS 'Append-only audit trail of changes to domain tables.';
COMMENT ON SCHEMA scheduler IS 'Durable jobs and schedules shared by scheduler workers.';
COMMENT ON SCHEMA reporting IS 'Stable, documented views for BI tools (row-level security applies).';
