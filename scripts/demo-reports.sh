#!/usr/bin/env bash
# The demo's reports (issue 18): HQ's exchange rates for FY2027, the scorecards refreshed, the
# scorecard of each region in EUR, EMEA's countries as bi_emea sees them, EMEA's scorecard as one
# HTML file under .mtl/demo/, EMEA's quarterly report pack rendered by a worker and written under
# .mtl/demo/ (its path printed), and the first rows of the data dictionary BI tools read.
# Safe to run again: rates are set, not added; the figures are refreshed; a pack is stored once.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
work=${DEMO_WORK:-.mtl/demo}
mkdir -p "$work"

step "HQ's exchange rates for FY2027: into EUR for the scorecards below, into USD (HQ's currency) for the packs (mtl org fx set, hq_admin)"
for quarter in 1 2 3 4; do
    $mtl org fx set USD EUR 0.92 --quarter "FY2027-Q$quarter" --user hq_admin >/dev/null
    $mtl org fx set CNY EUR 0.128 --quarter "FY2027-Q$quarter" --user hq_admin >/dev/null
    $mtl org fx set EUR USD 1.087 --quarter "FY2027-Q$quarter" --user hq_admin >/dev/null
    $mtl org fx set CNY USD 0.139 --quarter "FY2027-Q$quarter" --user hq_admin >/dev/null
done
$mtl org fx list --user hq_reader | head -5

step "the scorecards refreshed now (mtl report refresh; nightly, and after imports and reviews, the scorecard.refresh job does it)"
$mtl report refresh --user hq_admin

step "the scorecard of each region, FY2027, in EUR (as hq_reader)"
$mtl report scorecard --year FY2027 --by region --currency EUR --user hq_reader

step "EMEA by country, as the BI login bi_emea sees it"
$mtl report scorecard --year FY2027 --unit EMEA --by country --currency EUR --user bi_emea

step "campaign influence in DE: leads and pipeline shared linearly among the activities that touched them (touchpoints from the Hamburg attendee list)"
$mtl report attribution --model linear --by activity --unit DE --user de_editor

step "the quality report: findings per rule (as hq_reader)"
$mtl report quality --user hq_reader

step "EMEA's scorecard of the year as one HTML file (charts inline, prints on A4)"
$mtl report scorecard --year FY2027 --unit EMEA --by country --currency EUR --format html -o "$work/scorecard-EMEA-FY2027.html" --user emea_admin

step "EMEA's quarterly report pack: a worker renders it when the schedule fires (run-now here; it fires a day after each quarter closes)"
$mtl scheduler run --user worker1 --concurrency 2 >"$work/worker-reports.log" 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT
$mtl schedule run-now report.quarterly_pack:emea --user hq_admin
for _ in $(seq 1 120); do
    left=$($mtl jobs list --kind report.quarterly_pack --format csv --user hq_admin | pick state | awk '/^(available|running|retryable)$/ { n++ } END { print n + 0 }')
    [ "$left" -eq 0 ] && break
    sleep 0.5
done
kill -TERM "$worker"; wait "$worker" || true; trap - EXIT
$mtl report packs list --user emea_admin
pack_id=$($mtl report packs list --format csv --user emea_admin | pick id "unit=EMEA" | head -1)
pack="$work/pack-EMEA.html"
$mtl report packs get "$pack_id" -o "$pack" --user emea_admin
echo "open it: $pack"

step "the data dictionary BI tools read (its first rows, as bi_emea)"
$mtl dev psql -U bi_emea -X -P pager=off -c "SELECT object_name, coalesce(column_name, '—') AS column_name, data_type, grain, left(description, 60) AS description
                                FROM reporting.data_dictionary ORDER BY object_name, position LIMIT 12"
