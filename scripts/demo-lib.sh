# Shared by the demo scripts (sourced): $mtl is the mtl binary.

step() { printf '\n== %s\n' "$*"; }
# The pending request of a subject: kind, subject id, as the given user.
pending_request() { $mtl approvals list --pending --kind "$1" --format json --user "$3" \
    | awk -v id="$2" '/"id" :/ { gsub(/[^0-9]/, ""); rid = $0 } /"subject_id" :/ { gsub(/[^0-9]/, ""); if ($0 == id) print rid }'; }
