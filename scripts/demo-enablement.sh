#!/usr/bin/env bash
# The demo's seller enablement (issue 20, SCE): HQ publishes a global summit kit; EMEA derives a
# regional workshop deck from it; DE customises it for a customer; DE sellers (logins of the
# seller capability) use and rate it, the author's own rating refused; a seller passes an exam
# and is certified; HQ publishes a new major version and the recertification is flagged (and the
# seller retakes the exam); the readiness table for DE/RAIL (an H1 segment), below HQ's threshold,
# which the quality checks after this script report. Safe to run again: what exists is kept.
set -euo pipefail
mtl=${MTL:-.build/debug/mtl}
# shellcheck source=scripts/demo-lib.sh
. "$(dirname "$0")/demo-lib.sh"
ensure() { local check=$1; shift; $mtl $check >/dev/null 2>&1 || $mtl "$@"; }

emea=(--user emea_admin)
ensure "user show emea_enabler ${emea[*]}" user add emea_enabler --role editor --unit EMEA "${emea[@]}"
for seller in de_anna de_ben de_cem; do
    ensure "user show $seller ${emea[*]}" user add "$seller" --role seller --unit DE --bu CARRIER "${emea[@]}"
done
if [ "$($mtl seller list --unit DE --format csv --user de_editor | sed 1d | wc -l)" -eq 0 ]; then
    step "DE's sellers: three logins of the seller capability, and one without a login"
    $mtl seller add "Anna Berg" --unit DE --bu CARRIER --role account_manager --login de_anna --user de_editor
    $mtl seller add "Ben Vogt" --unit DE --bu CARRIER --role product_sales --login de_ben --user de_editor
    $mtl seller add "Cem Aydin" --unit DE --bu CARRIER --role account_manager --login de_cem --user de_editor
    $mtl seller add "Dora Lang" --unit DE --bu CARRIER --role account_manager --user de_editor
fi

keynote=$($mtl material list --unit HQ --format csv --user hq_admin | pick id "title=Summit keynote")
if [ -z "$keynote" ]; then
    step "HQ publishes a global summit kit: the keynote, the case library and the experience cloud"
    out=$($mtl material add --unit HQ --title "Summit keynote" --kind slides --uri https://intranet.example/hq/summit-keynote.pptx \
        --summary "Opening a customer summit on private 5G for industry" --scenario summit --stage discover \
        --role account_manager --role solution_manager --user hq_admin)
    echo "$out"
    keynote=$(sed -n 's/^added material \([0-9]*\).*/\1/p' <<<"$out")
    $mtl material publish "$keynote" --user hq_admin
    $mtl kit add HQ/SUMMIT --title "Summit kit" --scenario summit --description "For a customer summit: open, prove, follow up" --user hq_admin
    $mtl kit add HQ/SUMMIT --step "Open the summit" --material "$keynote" --user hq_admin
    $mtl kit add HQ/SUMMIT --step "Show what the customer's peers run" --tool "Case library" --user hq_admin
    $mtl kit add HQ/SUMMIT --step "Show the network live" --tool "Experience cloud" --user hq_admin
    $mtl kit add HQ/SUMMIT --step "Find the next opportunity" --tool "Insight tool" --user hq_admin

    step "EMEA derives a regional workshop deck from it; DE customises that for Deutsche Bahn"
    out=$($mtl material add --unit EMEA --parent "$keynote" --title "EMEA rail workshop deck" --kind slides \
        --uri https://intranet.example/emea/rail-workshop.pptx --summary "Workshop on railway mobile communication" \
        --scenario workshop --stage qualify --role account_manager --user emea_enabler)
    echo "$out"
    workshop=$(sed -n 's/^added material \([0-9]*\).*/\1/p' <<<"$out")
    $mtl material publish "$workshop" --user emea_enabler
    out=$($mtl material add --unit DE --parent "$workshop" --title "Deutsche Bahn FRMCS workshop" --kind slides --language de \
        --uri https://intranet.example/de/db-frmcs.pptx --summary "Workshop zur Migration von GSM-R auf FRMCS" \
        --scenario workshop --stage qualify --role account_manager --segment DE/RAIL --concept FY2027/RAIL-COMMS --user de_editor)
    echo "$out"
    custom=$(sed -n 's/^added material \([0-9]*\).*/\1/p' <<<"$out")
    $mtl material publish "$custom" --user de_editor

    step "DE's sellers find, use and rate what they used; the author's own rating is refused"
    $mtl material find --scenario workshop --user de_anna
    for pair in "de_anna:$keynote:5" "de_ben:$keynote:4" "de_cem:$keynote:2" "de_anna:$custom:5" "de_cem:$custom:4"; do
        IFS=: read -r who material score <<<"$pair"
        $mtl material use "$material" --scenario summit --user "$who"
        $mtl material rate "$material" "$score" --user "$who"
    done
    echo "-- emea_enabler, a solution manager who wrote the EMEA deck, uses it and tries to rate it:"
    $mtl seller add "Eva Enabler" --unit EMEA --role solution_manager --login emea_enabler --user emea_admin
    $mtl material use "$workshop" --scenario workshop --user emea_enabler
    $mtl material rate "$workshop" 5 --user emea_enabler 2>&1 | sed 's/^/  (refused) /' || true

    step "sellers take the summit exam: Anna passes and, confirmed by de_editor, is certified; Cem fails"
    $mtl exam add HQ/SUMMIT --title "Summit selling" --role account_manager --material "$keynote" --pass-mark 70 --validity 24 --user hq_admin
    out=$($mtl exam record HQ/SUMMIT --score 86 --user de_anna)
    echo "$out"
    $mtl exam record HQ/SUMMIT --score 55 --user de_cem
    echo "-- a result a seller recorded certifies once an editor of their unit (not the seller) confirms it:"
    $mtl exam results --pending --user de_editor
    $mtl exam confirm "$(sed -n 's/.*waits for .* (mtl exam confirm \([0-9]*\)).*/\1/p' <<<"$out")" --user de_editor
    echo "-- de_editor records the results of Dora, who has no login, and of Ben on DE's own rail exam (for product sellers, DE/RAIL):"
    $mtl exam record HQ/SUMMIT --score 91 --seller "$($mtl seller list --unit DE --format csv --user de_editor | pick id "name=Dora Lang")" --user de_editor
    $mtl exam add DE/RAIL --title "Selling FRMCS to rail operators" --role product_sales --segment DE/RAIL --pass-mark 75 --validity 12 --user de_editor
    $mtl exam record DE/RAIL --score 80 --seller "$($mtl seller list --unit DE --format csv --user de_editor | pick id "name=Ben Vogt")" --user de_editor

    step "HQ publishes a new major version of the keynote: the certification on it and EMEA's deck are flagged"
    $mtl material version "$keynote" --major --note "New portfolio: private 5G slicing" --user hq_admin
    $mtl cert expiring --unit DE --user de_editor
    echo "-- Anna retakes the exam on version 2.0; de_editor confirms it:"
    out=$($mtl exam record HQ/SUMMIT --score 88 --user de_anna)
    echo "$out"
    $mtl exam confirm "$(sed -n 's/.*waits for .* (mtl exam confirm \([0-9]*\)).*/\1/p' <<<"$out")" --user de_editor
fi
$mtl kit show HQ/SUMMIT --user de_anna
$mtl material list --user de_editor
$mtl material show "$($mtl material list --unit EMEA --format csv --user de_editor | pick id "title=EMEA rail workshop deck")" --user de_editor
$mtl cert list --unit DE --user de_editor

step "readiness of DE/RAIL (an H1 segment: its focus is seller enablement)"
$mtl readiness --segment DE/RAIL --user de_editor
