#!/usr/bin/env bash
# Builds the PgBouncer of Debian 13 (trixie) from Debian's source package, for the test that runs
# the worker and the CLI through a PgBouncer with protocol-level prepared statements (1.21+):
# Debian 12 ships 1.18, which has none in transaction mode. apt fetches the source package from
# Debian's archive and checks it against the archive's signed index; it is built here with
# Debian 12's compiler and libraries into .build/pgbouncer-trixie/ (make clean removes it).
# Quick when it is there. Prints the program's path. Usage: scripts/pgbouncer-current.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.build/pgbouncer-trixie"
program="$dest/bin/pgbouncer"
if [[ -x "$program" ]]; then echo "$program"; exit 0; fi

"$root/scripts/ensure-deps.sh" --with-pgbouncer-build

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial"
echo "deb-src http://deb.debian.org/debian trixie main" > "$work/sources.list"
# A private source list and index: the machine's own apt configuration is left as it is.
apt=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$work/lists"
     -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
echo "building PgBouncer from Debian 13's source package into $dest …" >&2
apt-get "${apt[@]}" update -qq
(cd "$work" && apt-get "${apt[@]}" source -qq pgbouncer >/dev/null)
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'pgbouncer-*' | head -n 1)
[[ -n "$src" ]] || { echo "error: apt-get source pgbouncer gave no source tree" >&2; exit 1; }
(
  cd "$src"
  ./configure -q --prefix="$dest" --without-cares --without-systemd --without-pam --without-ldap >/dev/null
  make -s -j"$(nproc)" pgbouncer >/dev/null
)
mkdir -p "$dest/bin"
install -m 0755 "$src/pgbouncer" "$program.new"
mv "$program.new" "$program"
"$program" --version >&2
echo "$program"
