#!/usr/bin/env bash
# The system packages the tests need beyond `npm ci`: Debian's chromium (the browser the UI tests drive),
# a CJK font (so screenshots show Chinese), LibreOffice and poppler (to open our workbooks the way a
# user's office suite does), python3-openpyxl (workbooks written by another program), faketime (the unit
# tests run again on other dates, so none depends on today's date), and postgresql (the unit-pg suites start a
# throwaway cluster with its initdb and pg_ctl, found in /usr/lib/postgresql/N/bin, not on PATH).
# As root it installs what is missing; otherwise it names what to install and fails.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || [ -n "${CHROMIUM_PATH:-}" ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -qi . || missing+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || missing+=(python3-openpyxl)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || [ -n "${WORKBENCH_PG_BIN:-}" ] || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  # No cluster of Debian's own (nor a server on port 5432): the tests start and remove their own.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" fontconfig >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
else
  echo "system-deps: missing ${missing[*]} — install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
