#!/usr/bin/env bash
# Installs the Debian packages the build, the tests and the demo need, when they are missing.
# Quick when everything is present. Usage: scripts/ensure-deps.sh [--with-compose] [--with-bench] [--with-pgbouncer-build]
set -euo pipefail

want=()
have_server() { compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || command -v pg_ctl >/dev/null; }
have_server || want+=(postgresql postgresql-contrib)
pkg-config --exists libpq 2>/dev/null || want+=(libpq-dev pkg-config)
command -v psql >/dev/null || want+=(postgresql-client)
command -v pgbench >/dev/null || want+=(postgresql-contrib)
# The worker and the CLI are tested through a real PgBouncer in transaction mode (Tests/MTLCLITests/PoolerTests).
command -v pgbouncer >/dev/null || [[ -x /usr/sbin/pgbouncer ]] || want+=(pgbouncer)
# The HTML reports are checked in a real headless browser (Tests/QualityTests/ReportHTMLTests).
command -v chromium >/dev/null || want+=(chromium)
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || want+=(fonts-dejavu-core)
for option in "$@"; do
  case "$option" in
    --with-compose) command -v docker-compose >/dev/null || want+=(docker-compose)
                    # The systemd units under deploy/ are checked with systemd-analyze verify.
                    command -v systemd-analyze >/dev/null || want+=(systemd) ;;
    # The job benchmark runs PgQueuer's own tool in a virtualenv.
    --with-bench) python3 -c 'import ensurepip, venv' 2>/dev/null || want+=(python3-venv) ;;
    # scripts/pgbouncer-current.sh builds PgBouncer from Debian 13's source package.
    --with-pgbouncer-build)
                  pkg-config --exists libevent 2>/dev/null || want+=(libevent-dev)
                  pkg-config --exists openssl 2>/dev/null || want+=(libssl-dev)
                  command -v dpkg-source >/dev/null || want+=(dpkg-dev)
                  { command -v make >/dev/null && command -v cc >/dev/null; } || want+=(build-essential) ;;
    *) echo "error: unknown option $option (use --with-compose, --with-bench or --with-pgbouncer-build)" >&2; exit 64 ;;
  esac
done

if [[ ${#want[@]} -eq 0 ]]; then exit 0; fi

echo "installing missing packages: ${want[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "error: missing packages (${want[*]}) and no root or sudo to install them." >&2
  echo "Install them: apt-get install -y ${want[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
# Debian's pgbouncer package may start a system pooler on 6432; the tests run their own.
if [[ $(id -u) -eq 0 ]] && pgrep -x pgbouncer >/dev/null 2>&1 && [[ -e /etc/pgbouncer/pgbouncer.ini ]]; then
  (service pgbouncer stop || pkill -x pgbouncer) >/dev/null 2>&1 || true
fi
# Debian's postgresql package starts a system cluster; ours are private, so it is not needed.
if command -v pg_lsclusters >/dev/null && [[ $(id -u) -eq 0 ]]; then
  pg_lsclusters -h 2>/dev/null | while read -r version name _; do
    pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
  done
fi
