# Shared by the demo scripts (sourced): $mtl is the mtl binary.

step() { printf '\n== %s\n' "$*"; }
# pick FIELD [COLUMN=VALUE;…]: from CSV on standard input (its header names the columns, as every
# `--format csv` list's does), FIELD of each row whose named columns have those values. The demo's
# names hold no commas, so fields are split at commas.
pick() {
    awk -F, -v want="$1" -v conditions="${2:-}" '
        { sub(/\r$/, "") }
        NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; n = split(conditions, pairs, ";"); next }
        { ok = 1
          for (j = 1; j <= n; j++) { split(pairs[j], kv, "="); if ($(column[kv[1]]) != kv[2]) ok = 0 }
          if (ok) print $(column[want]) }'
}
# The pending request of a subject: kind, subject id, as the given user.
pending_request() { $mtl approvals list --pending --kind "$1" --format csv --user "$3" | pick id "subject_id=$2"; }
