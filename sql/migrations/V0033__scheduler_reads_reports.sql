-- mtl:run-as-migrator (role memberships are granted by a role administrator)
-- V0033: the scheduler's logins read the reporting schema, within their grants, as BI logins do:
-- the quarterly report packs (V0032) are rendered by a worker from the same reporting views
-- people and BI tools read. mtl_bi is read-only; no BI login's limits (statement timeout,
-- read-only sessions) are set on scheduler logins, which run long refreshes and write jobs.
GRANT mtl_bi TO mtl_scheduler;
