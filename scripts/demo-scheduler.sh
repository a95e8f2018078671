#!/usr/bin/env bash
# The demo's scheduler (issue 6): a worker process runs the quarterly MSP review.
#   * a worker login (the scheduler role), created by hq_admin;
#   * the approved plans of DE/PORTS and CN/SMARTCITY activated beside DE/RAIL;
#   * the imported leads dated into FY2027-Q2 (July–September 2026), so that the closed quarter
#     has demand to review: the demo's data was all entered today (demo only, as the superuser);
#   * a worker started in the background; the quarterly review schedules of DE and CN (each unit
#     reviews its own plans on its own clock) fired for the last closed quarter (run-now: their
#     next scheduled firing is 1 January, 06:00 local); the reviews (status and gaps per MSP) and the approvers' inboxes; a review approved,
#     which writes its draft plan; running the review again creates nothing; the worker stopped
#     with SIGTERM.
# Safe to run again: reviews are unique per MSP and quarter.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
work=${DEMO_WORK:-.mtl/demo}
mkdir -p "$work"
admin=(--user hq_admin)

msp_field() { $mtl msp list --year FY2027 --format csv --user hq_reader | pick "$2" "segment=$1"; }

step "a worker login with the scheduler role (hq_admin)"
$mtl user show worker1 "${admin[@]}" >/dev/null 2>&1 || $mtl user add worker1 --role scheduler --unit HQ "${admin[@]}"

step "DE/PORTS and CN/SMARTCITY go live beside DE/RAIL"
if [ "$(msp_field DE/PORTS state)" = approved ]; then $mtl msp activate "$(msp_field DE/PORTS id)" --user de_editor; fi
if [ "$(msp_field CN/SMARTCITY state)" = approved ]; then $mtl msp activate "$(msp_field CN/SMARTCITY id)" --user cn_editor; fi
$mtl msp list --year FY2027 --user hq_reader

step "history: the leads imported today are dated into FY2027-Q2 (demo only, as the superuser)"
$mtl dev psql -qAt -v ON_ERROR_STOP=1 -c "
    UPDATE dg.lead SET created_at = timestamptz '2026-07-01 09:00 UTC' + (id % 90) * interval '1 day'
    WHERE created_at > '2026-10-01';
    SELECT count(*) || ' leads now dated July to September 2026' FROM dg.lead WHERE created_at < '2026-10-01';"

step "a worker: mtl scheduler run --user worker1 (in the background, logging to $work/worker.log)"
$mtl scheduler run --user worker1 --concurrency 4 >"$work/worker.log" 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT
sleep 1
$mtl schedule list "${admin[@]}"

step "the DE and CN quarterly review schedules (each on its country's clock) fire for the last closed quarter (FY2027-Q2)"
for schedule in msp.quarterly_review:de msp.quarterly_review:cn; do
    $mtl schedule run-now "$schedule" "${admin[@]}"
done
for _ in $(seq 1 120); do
    left=$($mtl jobs list --kind msp.quarterly_review --format csv "${admin[@]}" | pick state | awk '/^(available|running|retryable)$/ { n++ } END { print n + 0 }')
    [ "$left" -eq 0 ] && break
    sleep 0.5
done
$mtl jobs list --kind msp.quarterly_review --limit 6 "${admin[@]}"
$mtl jobs stats "${admin[@]}"

step "the reviews of FY2027-Q2: status and gaps per MSP (as hq_reader)"
$mtl review list --quarter FY2027-Q2 --user hq_reader
rail_review=$($mtl review list --quarter FY2027-Q2 --format csv --user de_editor | pick id "segment=RAIL")
step "mtl review show $rail_review (DE/RAIL, as de_editor)"
$mtl review show "$rail_review" --user de_editor

step "the approval inboxes: emea_approver and apac_approver (* marks what they may decide)"
$mtl approvals list --pending --kind quarterly_review --user emea_approver
$mtl approvals list --pending --kind quarterly_review --user apac_approver

step "emea_approver approves the DE/RAIL review with conditions"
request=$(pending_request quarterly_review "$rail_review" emea_approver)
if [ -n "$request" ]; then
    $mtl approvals approve "$request" --comment "Recover the pipeline gap in Q3: two more workshops" --user emea_approver
fi
$mtl review list --quarter FY2027-Q2 --unit DE --user de_editor

step "running the review again creates nothing (hq_admin)"
$mtl review run --quarter FY2027-Q2 "${admin[@]}"

step "the worker stops on SIGTERM: it finishes what it runs and says so"
kill -TERM "$worker"
wait "$worker" || true
trap - EXIT
tail -n 4 "$work/worker.log"
