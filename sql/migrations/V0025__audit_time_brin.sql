-- V0025: a cheaper audit trail for bulk writes (issue 17). Every audited row adds one entry to
-- each index of audit.event. Events are appended in time order, so a BRIN index answers the
-- time-range reads (`mtl audit list --since`) that the btree on tx_time did, at a fraction of its
-- cost per row and of its size; the btrees that lead by table and by unit stay, for the reads
-- that filter on them.

DROP INDEX audit.event_tx_time_idx;
CREATE INDEX event_tx_time_brin ON audit.event USING brin (tx_time);
