#!/usr/bin/env bash
# The demo's market management (issue 4), through the mtl CLI as its users would work:
#   * HQ: the FY2026 and FY2027 marketing frameworks, each submitted by hq_admin, approved by
#     hq_approver (four-eyes) and published by hq_admin; FY2027 changes a young theme (with a
#     justification) and supersedes FY2026;
#   * segments in DE, FR and CN, scored for FY2027 with CARRIER weights set by HQ, and the ranked
#     portfolio;
#   * MSPs with quarterly plans: DE/RAIL approved with conditions and activated; DE/PORTS rejected,
#     revised and resubmitted, then approved; CN/SMARTCITY approved in APAC; FR/FIBRE left waiting.
# Safe to run again: each step checks what is already there.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}

# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
# The state of a framework (empty when there is none).
framework_state() { $mtl framework list --format csv --user hq_reader | pick state "fiscal_year=$1"; }
framework_id() { $mtl framework list --format csv --user hq_reader | pick id "fiscal_year=$1"; }
# The id of an MSP: unit, segment (UNIT/CODE), as the given user.
msp_id() { $mtl msp list --unit "$1" --year FY2027 --format csv --user "$3" | pick id "segment=$2"; }
msp_state() { $mtl msp list --format csv --user "$2" | pick state "id=$1"; }

admin=(--user hq_admin)
approver=(--user hq_approver)

step "the fiscal year starts in April and is named by its end (April 2026 – March 2027 is FY2027)"
$mtl org calendar --start-month 4 --named-by end "${admin[@]}"

# Takes a draft framework through submission (hq_admin), approval (hq_approver) and publication.
publish_framework() {
    local year=$1
    if [ "$(framework_state "$year")" = draft ]; then $mtl framework submit "$year" "${admin[@]}"; fi
    if [ "$(framework_state "$year")" = submitted ]; then
        local request
        request=$(pending_request framework "$(framework_id "$year")" hq_approver)
        echo "-- hq_admin cannot approve what hq_admin submitted (four-eyes):"
        $mtl approvals approve "$request" "${admin[@]}" || true
        $mtl approvals approve "$request" --comment "Approved by the marketing committee" "${approver[@]}"
    fi
    if [ "$(framework_state "$year")" = approved ]; then $mtl framework publish "$year" "${admin[@]}"; fi
}

step "the FY2026 marketing framework: created, themes and concept packages by hq_admin"
if [ -z "$(framework_state FY2026)" ]; then
    $mtl framework create FY2026 "${admin[@]}"
    $mtl framework theme add FY2026 CONNECTED --name "Everything connected" --statement "Reliable connectivity for every industry" "${admin[@]}"
    $mtl framework theme add FY2026 INTELLIGENT --name "Intelligence everywhere" --statement "AI in every network and workflow" "${admin[@]}"
    $mtl framework theme add FY2026 GREEN --name "Green by design" --statement "Less energy per bit" "${admin[@]}"
    $mtl framework concept add FY2026 FIBRE-HOME --name "Gigabit homes" --theme CONNECTED --scenario "Residential broadband" "${admin[@]}"
    $mtl framework concept add FY2026 PRIVATE-5G --name "Private 5G campus" --theme CONNECTED --scenario "Ports, mines, factories" "${admin[@]}"
    $mtl framework concept add FY2026 AI-OPS --name "Autonomous operations" --theme INTELLIGENT --scenario "Network operations" "${admin[@]}"
fi
step "FY2026: submit (hq_admin) → approve (hq_approver) → publish (hq_admin)"
publish_framework FY2026

step "the FY2027 framework, created from FY2026; a theme introduced in FY2026 changes only with a justification"
if [ -z "$(framework_state FY2027)" ]; then
    $mtl framework create FY2027 --from FY2026 "${admin[@]}"
    echo "-- without a justification:"
    $mtl framework theme change FY2027 GREEN --name "Net zero networks" "${admin[@]}" || true
    $mtl framework theme change FY2027 GREEN --name "Net zero networks" \
        --justification "Customers now ask for net-zero commitments, not efficiency alone" "${admin[@]}"
    $mtl framework concept add FY2027 SMART-PORT --name "Smart ports" --theme INTELLIGENT --scenario "Ports and logistics" "${admin[@]}"
    $mtl framework concept add FY2027 RAIL-COMMS --name "Future railway mobile communication" --theme CONNECTED --scenario "Rail" "${admin[@]}"
    echo "-- company-tier events are meant to be few: FY2027 plans one (the quality checks compare):"
    $mtl framework plan FY2027 --company-events 1 "${admin[@]}"
fi
step "FY2027: submit → approve → publish; FY2026 is superseded"
publish_framework FY2027
$mtl framework list "${admin[@]}"
step "mtl framework show FY2027"
$mtl framework show FY2027 --user de_editor

step "segments (editors of DE, FR and CN)"
add_segment() {
    local ref=$1 user=$2; shift 2
    $mtl segment list --unit "${ref%/*}" --format csv --user "$user" | grep -q "^$ref," || $mtl segment add "$ref" "$@" --user "$user"
}
add_segment DE/RAIL de_editor --bu CARRIER --name "Rail operators" --industry Transport --customer-type Operator \
    --solution-line "Railway mobile communication" --horizon H1 --needs "Digital train control" --pain-points "Ageing GSM-R"
add_segment DE/PORTS de_editor --bu CARRIER --name "Seaports" --industry Logistics --customer-type "Port authority" \
    --solution-line "Private 5G" --horizon H3 --needs "Automated cranes" --pain-points "Wi-Fi coverage gaps"
add_segment DE/TELCO de_editor --bu CARRIER --name "Tier-1 operators" --industry Telecom --customer-type Operator \
    --solution-line "Core network" --horizon H1 --needs "Lower cost per bit"
add_segment DE/AUTO de_editor --bu ENTERPRISE --name "Car makers" --industry Automotive --customer-type "Large enterprise" \
    --solution-line "Campus network" --horizon H2
add_segment FR/FIBRE fr_carrier_editor --bu CARRIER --name "Fibre wholesalers" --industry Telecom --customer-type Operator \
    --solution-line "Optical access" --horizon H1
add_segment CN/SMARTCITY cn_editor --bu ENTERPRISE --name "Smart cities" --industry "Public sector" --customer-type Government \
    --solution-line "City IoT" --horizon H2

step "CARRIER factor weights for FY2027 (hq_admin); ENTERPRISE keeps equal weights"
$mtl segment weights --bu CARRIER --year FY2027 --set market_size=0.4 market_growth=0.35 profitability=0.25 \
    market_share=0.5 competitiveness=0.3 customer_relationship=0.2 "${admin[@]}"

step "scores for FY2027 (1–5)"
$mtl segment score DE/RAIL --year FY2027 market_size=4 market_growth=4 profitability=3 market_share=3 competitiveness=4 customer_relationship=4 --user de_editor
$mtl segment score DE/PORTS --year FY2027 market_size=3 market_growth=5 profitability=4 market_share=1 competitiveness=3 customer_relationship=2 --user de_editor
$mtl segment score DE/TELCO --year FY2027 market_size=5 market_growth=2 profitability=2 market_share=4 competitiveness=4 customer_relationship=5 --user de_editor
$mtl segment score DE/AUTO --year FY2027 market_size=2 market_growth=3 profitability=2 market_share=2 competitiveness=2 customer_relationship=1 --user de_editor
$mtl segment score FR/FIBRE --year FY2027 market_size=4 market_growth=2 profitability=3 market_share=4 competitiveness=3 customer_relationship=3 --user fr_carrier_editor
$mtl segment score CN/SMARTCITY --year FY2027 market_size=5 market_growth=5 profitability=3 market_share=3 competitiveness=4 customer_relationship=4 --user cn_editor

step "the ranked portfolio for FY2027 (as hq_reader: every unit)"
$mtl segment rank --year FY2027 --user hq_reader

step "performance gap of DE/RAIL in FY2027-Q2 (target against actual) and what will be done"
$mtl segment gap set DE/RAIL FY2027-Q2 --currency EUR --revenue-target 1200000 --revenue 950000 \
    --pipeline-target 3000000 --pipeline 3400000 --share-target 18 --share 15.5 \
    --actions "Two FRMCS workshops with DB Netz; a reference visit in Q3" --user de_editor
$mtl segment gap list --unit DE --user de_editor

step "MSPs with quarterly plans"
# Creates the MSP of a segment (once), its four quarterly plans while it is a draft, and prints its id.
plan() {
    local ref=$1 user=$2 goals=$3 gtm=$4 value=$5 pipeline=$6 leads=$7 budget=$8 currency=$9
    local id
    id=$(msp_id "${ref%/*}" "$ref" "$user")
    if [ -z "$id" ]; then
        id=$($mtl msp create "$ref" --year FY2027 --owner "$user" --goals "$goals" --gtm "$gtm" --value-proposition "$value" \
            --user "$user" | sed -n 's/^created MSP \([0-9]*\):.*/\1/p')
        for q in 1 2 3 4; do
            $mtl msp quarter set "$id" "FY2027-Q$q" --pipeline-target $((pipeline * q)) --lead-target $((leads * q)) \
                --budget "$budget" --currency "$currency" --headcount 2.5 \
                --programmes "Q$q: summit, two workshops, digital campaign" --user "$user" >/dev/null
        done
    fi
    echo "$id"
}
rail=$(plan DE/RAIL de_editor "Win two FRMCS pilots" "Direct to DB Netz with a systems integrator" \
    "One network for train control and passenger services" 1500000 40 60000 EUR)
ports=$(plan DE/PORTS de_editor "Three port campuses live" "Through port authorities' innovation labs" \
    "Private 5G that cranes can rely on" 800000 25 45000 EUR)
city=$(plan CN/SMARTCITY cn_editor "Five city IoT platforms" "Through provincial integrators" \
    "One platform for city services" 3000000 90 120000 CNY)
fibre=$(plan FR/FIBRE fr_carrier_editor "Keep wholesale share" "Account teams" "Lowest cost per home passed" 2000000 30 50000 EUR)

step "decision reviews: DE/RAIL approved with conditions, then activated"
if [ "$(msp_state "$rail" de_editor)" = draft ]; then $mtl msp submit "$rail" --user de_editor; fi
if [ "$(msp_state "$rail" de_editor)" = submitted ]; then
    $mtl approvals approve "$(pending_request msp "$rail" emea_approver)" --comment "Report pilot progress monthly" --user emea_approver
fi
if [ "$(msp_state "$rail" de_editor)" = approved ]; then $mtl msp activate "$rail" --user de_editor; fi

step "DE/PORTS rejected (with a reason), revised and resubmitted, then approved"
if [ "$(msp_state "$ports" de_editor)" = draft ] && [ -z "$($mtl approvals list --kind msp --format csv --user de_editor | pick id "subject_id=$ports;decision=rejected")" ]; then
    $mtl msp submit "$ports" --user de_editor
    echo "-- an APAC approver cannot decide a DE plan:"
    $mtl approvals reject "$(pending_request msp "$ports" emea_approver)" --reason "Not mine" --user apac_approver || true
    $mtl approvals reject "$(pending_request msp "$ports" emea_approver)" --reason "No partner for the crane automation" --user emea_approver
fi
if [ "$(msp_state "$ports" de_editor)" = rejected ]; then
    $mtl msp revise "$ports" --user de_editor
    $mtl msp update "$ports" --gtm "Through port authorities' innovation labs, with a crane maker as partner" --user de_editor
    $mtl msp submit "$ports" --user de_editor
fi
if [ "$(msp_state "$ports" de_editor)" = submitted ]; then
    $mtl approvals approve "$(pending_request msp "$ports" emea_approver)" --comment "Partner contract before Q2" --user emea_approver
fi

step "CN/SMARTCITY approved by the APAC approver; FR/FIBRE waits in the EMEA inbox"
if [ "$(msp_state "$city" cn_editor)" = draft ]; then $mtl msp submit "$city" --user cn_editor; fi
if [ "$(msp_state "$city" cn_editor)" = submitted ]; then
    $mtl approvals approve "$(pending_request msp "$city" apac_approver)" --user apac_approver
fi
if [ "$(msp_state "$fibre" fr_carrier_editor)" = draft ]; then $mtl msp submit "$fibre" --user fr_carrier_editor; fi

step "mtl msp list --year FY2027 (as hq_reader)"
$mtl msp list --year FY2027 --user hq_reader
step "mtl msp show $ports (its quarterly plans and both decision reviews)"
$mtl msp show "$ports" --user de_editor
step "mtl approvals list (emea_approver's inbox: * marks what they may decide)"
$mtl approvals list --user emea_approver
