#!/usr/bin/env bash
# The demo's reports (issue 18): HQ's exchange rates for FY2027, the scorecards refreshed, the
# scorecard of each region in EUR, EMEA's countries as bi_emea sees them, EMEA's scorecard as one
# HTML file under .mtl/demo/, and the first rows of the data dictionary BI tools read.
# Safe to run again: rates are set, not added; the figures are refreshed.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
work=${DEMO_WORK:-.mtl/demo}
mkdir -p "$work"

step "HQ's exchange rates into EUR for FY2027 (mtl org fx set, hq_admin)"
for quarter in 1 2 3 4; do
    $mtl org fx set USD EUR 0.92 --quarter "FY2027-Q$quarter" --user hq_admin >/dev/null
    $mtl org fx set CNY EUR 0.128 --quarter "FY2027-Q$quarter" --user hq_admin >/dev/null
done
$mtl org fx list --user hq_reader | head -5

step "the scorecards refreshed now (mtl report refresh; nightly, and after imports and reviews, the scorecard.refresh job does it)"
$mtl report refresh --user hq_admin

step "the scorecard of each region, FY2027, in EUR (as hq_reader)"
$mtl report scorecard --year FY2027 --by region --currency EUR --user hq_reader

step "EMEA by country, as the BI login bi_emea sees it"
$mtl report scorecard --year FY2027 --unit EMEA --by country --currency EUR --user bi_emea

pack="$work/scorecard-EMEA-FY2027.html"
step "EMEA's scorecard as one HTML file (charts inline, prints on A4)"
$mtl report scorecard --year FY2027 --unit EMEA --by country --currency EUR --format html -o "$pack" --user emea_admin
echo "open it: $pack"

step "the data dictionary BI tools read (its first rows, as bi_emea)"
$mtl dev psql -U bi_emea -X -P pager=off -c "SELECT object_name, coalesce(column_name, '—') AS column_name, data_type, grain, left(description, 60) AS description
                                FROM reporting.data_dictionary ORDER BY object_name, position LIMIT 12"
