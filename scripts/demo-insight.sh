#!/usr/bin/env bash
# The demo's market insight (issue 19, MI): HQ adds a competitor and a battlecard; EMEA's leader
# sets a topic for DE/PORTS; a DE researcher delivers a market sizing and a customer insight; a
# consumer who did not research it evaluates it; FR, named a data provider, provides data for it;
# the coverage grid of DE/PORTS; FR cannot read DE's shared insight until FR's contributions (the
# data and voice-of-the-customer entries) earn enough credits, accepted by someone else.
# Safe to run again: what exists is kept.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
ensure() { local check=$1; shift; $mtl $check >/dev/null 2>&1 || $mtl "$@"; }

emea=(--user emea_admin)
ensure "user show emea_lead ${emea[*]}" user add emea_lead --role editor --unit EMEA "${emea[@]}"
ensure "user show de_sales ${emea[*]}" user add de_sales --role editor --unit DE "${emea[@]}"
ensure "user show fr_analyst ${emea[*]}" user add fr_analyst --role editor --unit FR "${emea[@]}"

step "HQ adds a competitor; DE's researcher writes its battlecard for DE/PORTS"
$mtl competitor list --format csv --user hq_admin | grep -q '^ACME,' \
    || $mtl competitor add ACME --name "Acme Networks" --website https://acme.example --user hq_admin
$mtl competitor card set ACME DE/PORTS --strengths "Installed base in the cranes" --weaknesses "No private 5G of their own" \
    --why-we-win "Private 5G on site, run by the port" --objection "Too expensive=Total cost over five years" --user de_editor

step "EMEA's leader sets a topic for DE/PORTS (the setter), names a researcher and an evaluator, and accepts it"
topic=$($mtl insight topic list --unit DE --format csv --user emea_lead | pick id "title=Port automation")
if [ -z "$topic" ]; then
    out=$($mtl insight topic propose --unit DE --bu CARRIER --year FY2027 --segment DE/PORTS --title "Port automation" \
        --question "Which terminals automate their cranes by 2028, and what holds the others back?" --due 2027-01-31 --priority high \
        --stage plan --stage operate --stage maintain --user emea_lead)
    echo "$out"
    topic=$(sed -n 's/^proposed topic \([0-9]*\).*/\1/p' <<<"$out")
    $mtl insight topic assign "$topic" --researcher de_editor --evaluator de_sales --consumer de_sales --provider-unit FR --user emea_lead
    echo "-- the researcher cannot accept it; its setter does:"
    $mtl insight topic accept "$topic" --user de_editor 2>&1 | sed 's/^/  (refused) /' || true
    $mtl insight topic accept "$topic" --user emea_lead

    step "de_editor researches it: observations, a market sizing and a customer insight, shared globally; then delivers"
    $mtl insight topic start "$topic" --user de_editor
    $mtl insight topic observe "$topic" --item site_operations --method site_visit --note "Burchardkai runs three shifts; cranes idle 18 %" --user de_editor
    step "FR, named a data provider, sees DE's topic and provides data for FR; DE's researcher accepts it (FR earns a data credit)"
    $mtl insight topic list --user fr_carrier_editor
    out=$($mtl insight topic provide "$topic" --unit FR --description "Crane counts of Le Havre and Marseille" \
        --uri https://intranet.example/fr/ports-cranes.xlsx --user fr_carrier_editor)
    echo "$out"
    $mtl insight topic accept-data "$(sed -n 's/^data \([0-9]*\).*/\1/p' <<<"$out")" --user de_editor
    $mtl insight topic observe "$topic" --item decision_makers --method interview --note "The port authority's CTO decides; operators advise" --user de_editor
    $mtl insight size set DE/PORTS --year FY2027 --currency EUR --tam 900000000 --sam 300000000 --som 40000000 --growth 8 \
        --source "Analyst report 2026" --user de_editor
    $mtl insight size set DE/PORTS --year FY2027 --currency EUR --tam 1100000000 --sam 350000000 --som 55000000 --growth 9.5 \
        --assumptions "Five container terminals; cranes automated by 2030" --source "Site visits, autumn 2026" --user de_editor
    $mtl insight add --unit DE --bu CARRIER --kind market --title "German ports: 350M EUR serviceable by 2030" \
        --summary "Two of five terminals automate first; private 5G is the precondition." --sharing global --topic "$topic" --user de_editor
    $mtl insight add --unit DE --bu CARRIER --kind customer --title "Port operators buy outcomes, not networks" \
        --summary "Crane uptime is their measure; they want a service level, not equipment." --confidence high --sharing global \
        --topic "$topic" --user de_editor
    $mtl insight topic deliver "$topic" --user de_editor

    step "de_sales, its evaluator and consumer (not a researcher), evaluates it"
    $mtl insight topic evaluate "$topic" --usefulness 4 --decision "Fund a Hamburg private-5G pilot in FY2027-Q3" \
        --comment "Clear on who decides" --user de_sales
fi
$mtl insight topic show "$topic" --user de_sales

step "the coverage grid of DE/PORTS in FY2027 (stages × topics)"
$mtl insight coverage DE/PORTS --year FY2027 --user de_sales

step "market size history of DE/PORTS, and the portfolio scores it suggests (nothing changed)"
$mtl insight size list --segment DE/PORTS --history --user de_sales
$mtl segment score DE/PORTS --year FY2027 --suggest --user de_editor

step "contribute to consume: FR reads none of DE's shared insights yet"
$mtl insight list --shared --user fr_carrier_editor
if [ "$($mtl insight voice list --unit FR --format csv --user fr_carrier_editor | sed 1d | wc -l)" -eq 0 ]; then
    step "FR records what customers said; fr_analyst (not the recorder) accepts it; FR earns credits"
    for entry in "SNCF|visit|-1|coverage|Calls drop in the tunnels" "RATP|survey|1|service|Your support answers the same day" \
                 "Port of Marseille|visit|1|automation|We want the cranes remote-controlled by 2028" \
                 "Orange Business|social|0|pricing|Private 5G pricing is hard to compare"; do
        IFS='|' read -r customer channel sentiment theme verbatim <<<"$entry"
        out=$($mtl insight voice add --unit FR --bu CARRIER --customer "$customer" --channel "$channel" --sentiment="$sentiment" \
            --theme "$theme" --verbatim "$verbatim" --user fr_carrier_editor)
        echo "$out"
        $mtl insight voice accept "$(sed -n 's/^voice entry \([0-9]*\).*/\1/p' <<<"$out")" --user fr_analyst
    done
fi
$mtl insight credits --user fr_carrier_editor
step "now FR reads DE's shared insights"
$mtl insight list --shared --user fr_carrier_editor
$mtl insight voice summary --unit FR --user fr_analyst
