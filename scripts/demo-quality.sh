#!/usr/bin/env bash
# The demo's quality checks (issue 18, MQA): hq_admin runs the checks now (the daily quality.check
# job does the same); the rules and DE's open findings; de_editor acknowledges one finding and
# asks to waive another, with a reason; emea_approver approves the waiver (an approver other than
# the one who asked: four-eyes) and the finding shows as waived with its reason.
# Safe to run again: findings are one per rule and subject, and a second waiver is not asked for.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"

step "quality checks: hq_admin runs them now (mtl quality check; the daily quality.check job does the same)"
$mtl quality check --user hq_admin

step "the rules, and the open findings de_editor can see (mtl quality rules list)"
$mtl quality rules list --user de_editor

step "DE's open findings, newest first (mtl quality findings --unit DE --state open --limit 8)"
$mtl quality findings --unit DE --state open --limit 8 --user de_editor

open_finding() { $mtl quality findings --unit DE --rule "$1" --state open --limit 1 --format csv --user de_editor | pick id; }
if [ -z "$($mtl quality findings --unit DE --state waived --format csv --user de_editor | pick id)" ]; then
    review=$(open_finding mm.msp_without_review)
    if [ -n "$review" ]; then
        step "de_editor acknowledges finding $review (a review still waiting for its approver)"
        $mtl quality ack "$review" --user de_editor
    fi
    waive=$(open_finding dg.lead_incomplete)
    [ -n "$waive" ] || waive=$(open_finding dg.activity_without_leads)
    if [ -n "$waive" ]; then
        step "de_editor asks to waive finding $waive; they cannot decide it themselves, emea_approver approves"
        asked=$($mtl quality waive "$waive" --reason "Partner list: the contacts' details come with the partner's next delivery" --user de_editor)
        echo "$asked"
        request=$(sed -n 's/.*approval request \([0-9]*\).*/\1/p' <<<"$asked")
        $mtl approvals approve "$request" --user de_editor 2>&1 | sed 's/^/  (refused) /' || true
        $mtl approvals approve "$request" --comment "Accepted until the next delivery" --user emea_approver
    fi
fi

step "HQ's findings: FY2027 holds more company-tier activities than its framework planned"
$mtl quality findings --rule dg.company_events_over_plan --user hq_admin

step "DE's waived and acknowledged findings"
$mtl quality findings --unit DE --state waived --state acknowledged --user de_editor
