#!/usr/bin/env bash
# The demo's demand generation (issue 5), through the mtl CLI as its users would work:
#   * assets: an HQ white paper and a DE case study, published;
#   * programmes at the three tiers: a company-tier summit (HQ; a DE editor's attempt is
#     refused), an EMEA region programme and customer-group programmes in DE and CN, each
#     serving an MSP and following a FY2027 concept package; their budgets approved by the
#     approvers of their scope (HQ's for the company tier);
#   * activities that use the assets; spending over the approved budget refused until a budget
#     change is approved;
#   * a generated lead file per country (tens of thousands of rows, a few of them bad): refused
#     as a whole first, then imported with a reject file; a second import of the same file and
#     an import into another country refused;
#   * leads qualified, handed off, accepted, rejected and converted; the pipeline per region.
# Safe to run again: each step checks what is already there.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
work=${DEMO_WORK:-.mtl/demo}
mkdir -p "$work"

# The id of a programme by name, as a user (empty when there is none).
programme_id() { $mtl programme list --year FY2027 --format csv --user "$2" | pick id "name=$1"; }
programme_state() { $mtl programme list --year FY2027 --format csv --user "$2" | pick state "name=$1"; }
asset_id() { $mtl asset list --format csv --user hq_reader | pick id "title=$1"; }
activity_id() { $mtl activity list --programme "$1" --format csv --user "$3" | pick id "name=$2"; }

# Plans a programme (if missing), requests its budget and has it approved, and starts it.
#   programme NAME CREATOR APPROVER AMOUNT create-options…
programme() {
    local name=$1 creator=$2 approver=$3 amount=$4
    shift 4
    if [ -z "$(programme_id "$name" "$creator")" ]; then
        $mtl programme create "$name" --year FY2027 "$@" --user "$creator"
    fi
    local id
    id=$(programme_id "$name" "$creator")
    if [ "$(programme_state "$name" "$creator")" = planned ]; then
        if [ -z "$($mtl programme budget list "$id" --format csv --user "$creator" | pick id "state=submitted")" ]; then
            $mtl programme budget request "$id" --amount "$amount" --reason "First budget" --user "$creator"
        fi
        $mtl approvals approve "$(pending_request budget "$(budget_pending "$id" "$creator")" "$approver")" --user "$approver"
    fi
    if [ "$(programme_state "$name" "$creator")" = approved ]; then $mtl programme start "$id" --user "$creator"; fi
}
budget_pending() { $mtl programme budget list "$1" --format csv --user "$2" | pick id "state=submitted"; }

# Adds an activity (if missing): activity PROGRAMME-ID NAME USER add-options…
activity() {
    local programme=$1 name=$2 user=$3
    shift 3
    if [ -z "$(activity_id "$programme" "$name" "$user")" ]; then
        $mtl activity add "$name" --programme "$programme" "$@" --user "$user"
    fi
}

step "assets: an HQ white paper (hq_admin) and a DE case study (de_editor), published"
if [ -z "$(asset_id "Connected future white paper")" ]; then
    $mtl asset add "Connected future white paper" --type white_paper --language en --uri https://assets.example.com/connected-future.pdf \
        --owner hq_admin --unit HQ --user hq_admin
    $mtl asset publish "$(asset_id "Connected future white paper")" --user hq_admin
fi
if [ -z "$(asset_id "FRMCS at a rail operator")" ]; then
    $mtl asset add "FRMCS at a rail operator" --type case_study --language de --uri https://assets.example.com/de/frmcs-case.pdf \
        --owner de_editor --unit DE --bu CARRIER --user de_editor
    $mtl asset publish "$(asset_id "FRMCS at a rail operator")" --user de_editor
fi
$mtl asset list --user de_editor
paper=$(asset_id "Connected future white paper")
case_study=$(asset_id "FRMCS at a rail operator")

step "programmes at three tiers; a company-tier programme outside HQ is refused"
echo "-- de_editor tries a company-tier programme in DE:"
$mtl programme create "DE thought leadership" --tier company --unit DE --bu CARRIER --year FY2027 --concept AI-OPS \
    --starts 2026-06-01 --ends 2026-06-30 --user de_editor || true
programme "Connected Future Summit" hq_admin hq_approver 400000 --tier company --unit HQ --bu CARRIER --concept AI-OPS \
    --starts 2026-09-15 --ends 2026-09-17 --lead-target 300 --pipeline-target 20000000 --currency EUR
programme "EMEA rail days" emea_admin emea_approver 120000 --tier region --unit EMEA --bu CARRIER --msp 1 --concept RAIL-COMMS \
    --starts 2026-05-01 --ends 2026-11-30 --lead-target 200 --pipeline-target 8000000 --currency EUR
programme "DE rail operator workshops" de_editor emea_approver 50000 --tier customer_group --unit DE --bu CARRIER --msp 1 \
    --concept RAIL-COMMS --starts 2026-05-01 --ends 2026-12-31 --lead-target 120 --pipeline-target 4000000 --currency EUR
programme "CN smart city experience days" cn_editor apac_approver 600000 --tier customer_group --unit CN --bu ENTERPRISE --msp 3 \
    --concept AI-OPS --starts 2026-06-01 --ends 2027-02-28 --lead-target 150 --pipeline-target 30000000 --currency CNY
summit=$(programme_id "Connected Future Summit" hq_admin)
rail_days=$(programme_id "EMEA rail days" emea_admin)
workshops=$(programme_id "DE rail operator workshops" de_editor)
smart_city=$(programme_id "CN smart city experience days" cn_editor)

step "activities, with the assets they use"
activity "$summit" "Connected Future Summit Barcelona" hq_admin --type summit --starts 2026-09-15 --ends 2026-09-17 --planned-cost 320000 --invited 900
activity "$summit" "Connected Future Summit Barcelona: partner day" hq_admin --type summit --starts 2026-09-17 --ends 2026-09-17 --planned-cost 60000 --invited 300
activity "$rail_days" "InnoTrans customer lounge" emea_admin --type exhibition --unit DE --starts 2026-09-22 --ends 2026-09-25 --planned-cost 90000 --invited 400
activity "$workshops" "Hamburg FRMCS workshop" de_editor --type workshop --starts 2026-06-10 --ends 2026-06-10 --planned-cost 12000 --invited 40
activity "$workshops" "FRMCS migration webinar" de_editor --type webinar --starts 2026-07-08 --ends 2026-07-08 --planned-cost 3000 --invited 600
activity "$workshops" "Visit to the Munich test lab" de_editor --type customer_visit --starts 2026-10-05 --ends 2026-10-06 --planned-cost 18000 --invited 25
activity "$smart_city" "Shenzhen smart city experience day" cn_editor --type customer_experience --starts 2026-07-20 --ends 2026-07-20 --planned-cost 250000 --invited 120
summit_event=$(activity_id "$summit" "Connected Future Summit Barcelona" hq_admin)
workshop=$(activity_id "$workshops" "Hamburg FRMCS workshop" de_editor)
webinar=$(activity_id "$workshops" "FRMCS migration webinar" de_editor)
$mtl activity use "$summit_event" --asset "$paper" --user hq_admin
$mtl activity use "$workshop" --asset "$case_study" --user de_editor
$mtl activity use "$workshop" --asset "$paper" --user de_editor
if [ "$($mtl activity list --programme "$workshops" --format csv --user de_editor | pick state "id=$workshop")" = planned ]; then
    $mtl activity done "$workshop" --actual-cost 11500 --attended 31 --user de_editor
    $mtl activity done "$webinar" --actual-cost 2600 --attended 412 --user de_editor
fi

step "spending beyond the approved budget is refused, until a budget change is approved"
if [ -z "$(activity_id "$workshops" "Rail operator round table" de_editor)" ]; then
    echo "-- a 25,000 EUR round table would take DE rail operator workshops over its 50,000 EUR:"
    $mtl activity add "Rail operator round table" --programme "$workshops" --type seminar --starts 2026-11-12 --ends 2026-11-12 \
        --planned-cost 25000 --invited 30 --user de_editor || true
    $mtl programme budget request "$workshops" --amount 20000 --reason "Round table with the operators' CTOs" --user de_editor
    $mtl approvals approve "$(pending_request budget "$(budget_pending "$workshops" de_editor)" emea_approver)" \
        --comment "Keep the round table under 25k" --user emea_approver
    activity "$workshops" "Rail operator round table" de_editor --type seminar --starts 2026-11-12 --ends 2026-11-12 --planned-cost 25000 --invited 30
fi
$mtl programme show "$workshops" --user de_editor
step "mtl programme list --year FY2027 (as hq_reader)"
$mtl programme list --year FY2027 --user hq_reader

# A generated lead file: ROWS leads of a country, with a few bad rows (a bad e-mail address, an
# unknown channel, a score out of range, a row with too few fields, a duplicate), and leads
# from an activity.
lead_file() {
    awk -v rows="$2" -v country="$3" -v activity="$4" 'BEGIN {
        split("Rail,Ports,Telecom,Energy,Automotive,Public sector", industry, ",")
        split("event,web,email,phone,partner,referral,social", channel, ",")
        split("yes,no,", flag, ",")
        print "Company,Contact Name,Contact Title,Email,Phone,Key Person,Industry,Need,Project Approved,Budget This Year,Customer Quality,Informant Quality,Channel,Activity ID"
        for (n = 1; n <= rows; n++) {
            company = sprintf("%s Customer %05d", country, n)
            contact = sprintf("Contact %05d", n)
            email = sprintf("contact%05d@customer%03d.%s.example", n, n % 500, tolower(country))
            need = (n % 4 == 0) ? sprintf("\"Upgrade, phase %d\"", n % 3 + 1) : sprintf("Capacity for %d sites", n % 97)
            ch = channel[n % 7 + 1]; act = ""
            if (activity != "" && n % 10 == 0) { ch = ""; act = activity }
            quality = n % 6
            if (n == 101) email = "contact00101@customer"
            if (n == 202) ch = "fax"
            if (n == 303) quality = 9
            if (n == 505) email = sprintf("contact%05d@customer%03d.%s.example", 404, 404 % 500, tolower(country))
            if (n == 404 + 1000) { print company ",too few fields"; continue }
            printf "%s,%s,Head of Networks,%s,+%d %07d,%s,%s,%s,%s,%s,%d,%d,%s,%s\n", company, contact, email, 40 + n % 50, n,
                   (n % 5 == 0) ? "yes" : "no", industry[n % 6 + 1], need, flag[n % 3 + 1], flag[int(n / 3) % 3 + 1],
                   quality, int(n / 7) % 6, ch, act
        }
    }' > "$1"
}

step "lead import: a generated file of 20,000 DE leads with 5 bad rows"
lead_file "$work/leads-de.csv" 20000 DE "$workshop"
lead_file "$work/leads-fr.csv" 6000 FR ""
lead_file "$work/leads-cn.csv" 9000 CN ""
echo "-- without a reject file, the bad rows are reported and nothing is imported:"
$mtl lead import "$work/leads-de.csv" --unit DE --bu CARRIER --user de_editor || true
echo "-- with --reject-file, the good rows are imported and the bad ones written there:"
$mtl lead import "$work/leads-de.csv" --unit DE --bu CARRIER --reject-file "$work/rejects-de.csv" --max-errors 3 --user de_editor || true
cat "$work/rejects-de.csv" 2>/dev/null || true
echo "-- the same file again is refused:"
$mtl lead import "$work/leads-de.csv" --unit DE --bu CARRIER --user de_editor || true
echo "-- de_editor cannot import into FR:"
$mtl lead import "$work/leads-fr.csv" --unit FR --bu CARRIER --user de_editor || true
echo "-- fr_carrier_editor imports FR's file, cn_editor CN's:"
$mtl lead import "$work/leads-fr.csv" --unit FR --bu CARRIER --reject-file "$work/rejects-fr.csv" --max-errors 1 --user fr_carrier_editor || true
$mtl lead import "$work/leads-cn.csv" --unit CN --bu ENTERPRISE --reject-file "$work/rejects-cn.csv" --max-errors 1 --user cn_editor || true

step "a CRM export with its preset, then a weekly delta file that updates what it already knows"
# A contacts export shaped like HubSpot's, as Excel saves it: byte order mark, CRLF, semicolons
# (a German locale), columns the import has no use for.
printf '\xef\xbb\xbfRecord ID;First Name;Last Name;Email;Company Name;Job Title;Phone Number;Lifecycle Stage;Lead Status;Create Date\r\n' > "$work/hubspot-de.csv"
for n in 1 2 3 4 5 6; do
    printf '%d;Kontakt;Nummer %d;kontakt%d@mittelstand%d.example;Mittelstand %d GmbH;IT-Leiter;+49 30 %07d;lead;New;2026-11-%02d 09:00\r\n' \
        "$((9000 + n))" "$n" "$n" "$n" "$n" "$n" "$n" >> "$work/hubspot-de.csv"
done
printf '\xef\xbb\xbfRecord ID;First Name;Last Name;Email;Company Name;Job Title;Phone Number;Lifecycle Stage;Lead Status;Create Date\r\n' > "$work/hubspot-de-week2.csv"
for n in 1 2 3 7 8; do
    printf '%d;Kontakt;Nummer %d;KONTAKT%d@mittelstand%d.example;Mittelstand %d GmbH;CIO;;opportunity;Open;2026-11-%02d 09:00\r\n' \
        "$((9000 + n))" "$n" "$n" "$n" "$n" "$n" >> "$work/hubspot-de-week2.csv"
done
echo "-- what the import would do, without writing anything:"
$mtl lead import "$work/hubspot-de.csv" --preset hubspot --channel web --unit DE --bu CARRIER --dry-run --user de_editor || true
$mtl lead import "$work/hubspot-de.csv" --preset hubspot --channel web --unit DE --bu CARRIER --user de_editor || true
echo "-- the weekly delta: 3 known contacts (their titles change) and 2 new:"
$mtl lead import "$work/hubspot-de-week2.csv" --preset hubspot --channel web --unit DE --bu CARRIER --on-duplicate update --user de_editor || true
echo "-- the Hamburg workshop's attendee list: 3 known contacts (each a touchpoint for the workshop; they keep their source) and 1 new:"
hamburg=$(activity_id "$workshops" "Hamburg FRMCS workshop" de_editor)
{
    echo "company,contact_name,email,activity_id"
    for n in 1 2 3 9; do echo "Mittelstand $n GmbH,Kontakt Nummer $n,kontakt$n@mittelstand$n.example,$hamburg"; done
} > "$work/hamburg-attendees.csv"
$mtl lead import "$work/hamburg-attendees.csv" --unit DE --bu CARRIER --on-duplicate skip --user de_editor || true

step "qualify and hand off leads; sales accepts, rejects and converts"
if [ -z "$($mtl lead list --unit DE --state accepted --limit 1 --format csv --user de_editor | sed 1d)" ]; then
    for id in $($mtl lead list --unit DE --state new --classification opportunity --limit 6 --format csv --user de_editor | pick id); do
        $mtl lead qualify "$id" --customer-quality 4 --informant-quality 4 --project-approved yes --budget-this-year yes --user de_editor
        $mtl lead handoff "$id" --to "DE Carrier Sales" --user de_editor
    done
    handed=($($mtl lead list --unit DE --state handed_off --format csv --user de_editor | pick id))
    $mtl lead accept "${handed[0]}" --user de_editor
    $mtl lead convert "${handed[0]}" --pipeline-value 1800000 --currency EUR --user de_editor
    $mtl lead accept "${handed[1]}" --user de_editor
    $mtl lead convert "${handed[1]}" --pipeline-value 650000 --currency EUR --user de_editor
    $mtl lead reject "${handed[2]}" --reason "Budget moved to 2028" --user de_editor
    for id in $($mtl lead list --unit CN --state new --classification opportunity --limit 3 --format csv --user cn_editor | pick id); do
        $mtl lead qualify "$id" --customer-quality 5 --informant-quality 3 --user cn_editor
        $mtl lead handoff "$id" --to "Shenzhen Partner Co" --partner --user cn_editor
        $mtl lead accept "$id" --user cn_editor
        $mtl lead convert "$id" --pipeline-value 4200000 --currency CNY --user cn_editor
    done
fi
$mtl lead list --unit DE --state accepted --user de_editor
$mtl lead show "$($mtl lead list --unit DE --state accepted --limit 1 --format csv --user de_editor | pick id)" --user de_editor
echo "-- mtl lead export --unit DE --state handed_off --format csv:"
$mtl lead export --unit DE --state handed_off --format csv --user de_editor | cut -c1-120

step "the pipeline per region (as hq_reader)"
$mtl lead summary --user hq_reader
