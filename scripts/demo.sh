#!/usr/bin/env bash
# The demo's organisation, built with the mtl CLI as an admin would: HQ, five regions, twenty
# countries, three BUs and a few people of each role. Safe to run again: what exists is kept.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}

step() { printf '\n== %s\n' "$*"; }
# Runs "mtl ARGS…" unless "mtl CHECK…" (the first argument, a quoted command) already succeeds.
ensure() { local check=$1; shift; $mtl $check >/dev/null 2>&1 || $mtl "$@"; }

step "first-time setup: the first HQ admin, created by the superuser (--allow-superuser)"
ensure "user show hq_admin --allow-superuser" \
    user add hq_admin --role admin --unit HQ --password-stdin --allow-superuser <<<"demo-password"

admin=(--user hq_admin)
step "the organisation, as hq_admin"
$mtl org calendar "${admin[@]}"
while read -r code zone name; do
    ensure "org show $code ${admin[*]}" org add-region "$code" "$name" --time-zone "$zone" "${admin[@]}"
done <<'REGIONS'
EMEA Europe/Berlin Europe, Middle East and Africa
APAC Asia/Shanghai Asia Pacific
LATAM America/Sao_Paulo Latin America
NAM America/New_York North America
MEA Asia/Dubai Middle East and Africa
REGIONS
while read -r region countries; do
    for country in $countries; do
        ensure "org show $country ${admin[*]}" org add-country "$country" --region "$region" "${admin[@]}"
    done
done <<'COUNTRIES'
EMEA DE FR GB IT ES
APAC CN JP KR AU IN
LATAM BR MX AR CL
NAM US CA
MEA AE SA ZA EG
COUNTRIES
for bu in "CARRIER Carrier networks" "ENTERPRISE Enterprise" "CONSUMER Consumer devices"; do
    read -r code name <<<"$bu"
    $mtl bu list "${admin[@]}" | grep -q "^$code " || $mtl bu add "$code" "$name" "${admin[@]}"
done

step "people: regional admins (by hq_admin), then their teams (by the regional admins)"
ensure "user show emea_admin ${admin[*]}" user add emea_admin --role admin --unit EMEA "${admin[@]}"
ensure "user show apac_admin ${admin[*]}" user add apac_admin --role admin --unit APAC "${admin[@]}"
ensure "user show hq_reader ${admin[*]}" user add hq_reader --role reader --unit HQ "${admin[@]}"
ensure "user show hq_approver ${admin[*]}" user add hq_approver --role approver --unit HQ "${admin[@]}"
ensure "user show br_editor ${admin[*]}" user add br_editor --role editor --unit BR "${admin[@]}"
ensure "user show bi_emea ${admin[*]}" user add bi_emea --role bi --unit EMEA "${admin[@]}"
emea=(--user emea_admin)
ensure "user show de_editor ${emea[*]}" user add de_editor --role editor --unit DE "${emea[@]}"
ensure "user show fr_carrier_editor ${emea[*]}" user add fr_carrier_editor --role editor --unit FR --bu CARRIER "${emea[@]}"
ensure "user show emea_approver ${emea[*]}" user add emea_approver --role approver --unit EMEA "${emea[@]}"
ensure "user show gb_reader ${emea[*]}" user add gb_reader --role reader --unit GB "${emea[@]}"
$mtl user show fr_carrier_editor "${emea[@]}" | grep -q "IT/CARRIER" \
    || $mtl user grant fr_carrier_editor --unit IT --bu CARRIER "${emea[@]}"
apac=(--user apac_admin)
ensure "user show cn_editor ${apac[*]}" user add cn_editor --role editor --unit CN "${apac[@]}"
ensure "user show apac_approver ${apac[*]}" user add apac_approver --role approver --unit APAC "${apac[@]}"

step "mtl org list"
$mtl org list "${admin[@]}"
step "mtl user list (as emea_admin: the people of EMEA)"
$mtl user list "${emea[@]}"
step "mtl user show fr_carrier_editor"
$mtl user show fr_carrier_editor "${emea[@]}"
step "mtl audit log --limit 5 (as hq_admin)"
$mtl audit log --limit 5 "${admin[@]}"

MTL=$mtl "$(dirname "$0")/demo-market.sh"
MTL=$mtl "$(dirname "$0")/demo-demand.sh"
MTL=$mtl "$(dirname "$0")/demo-scheduler.sh"
MTL=$mtl "$(dirname "$0")/demo-insight.sh"
MTL=$mtl "$(dirname "$0")/demo-enablement.sh"
MTL=$mtl "$(dirname "$0")/demo-quality.sh"
MTL=$mtl "$(dirname "$0")/demo-reports.sh"
