#!/usr/bin/env bash
# check-layers.sh SOURCE_ROOT — the layers' arrows run one way: ui → app → core, cli → core.
#
# Fails, listing every offending line, when a file under core/ includes GIO, GTK, libadwaita
# or a header of app/, cli/ or ui/, or prints or exits; when a file under app/ includes GTK,
# libadwaita or a header of cli/ or ui/; or when a file under cli/ includes GTK or a header
# of ui/.
set -uo pipefail
top=${1:?usage: check-layers.sh SOURCE_ROOT}
cd "$top" || exit 1
status=0

# The quoted include names of a folder's headers, as an alternation for grep -E.
headers_of ()
{
  find "$@" -name '*.h' -printf '%f\n' | sed 's/[.]/[.]/g' | paste -sd '|'
}

# forbid FOLDER WHAT REGEX: every line of FOLDER's C files that matches REGEX is an error.
forbid ()
{
  local folder=$1 what=$2 regex=$3 hits
  hits=$(grep -rnE --include='*.c' --include='*.h' "$regex" "$folder")
  if [ -n "$hits" ]; then
    echo "not ok: $folder/ $what:"
    echo "$hits" | sed 's/^/  /'
    status=1
  else
    echo "ok: $folder/ $what: none"
  fi
}

toolkit='#include\s*<(gtk/|gdk/|gsk/|adwaita[.]h)'
gio='#include\s*<gio/'
app_h=$(headers_of app)
cli_h=$(headers_of cli)
ui_h=$(headers_of ui)

forbid core "includes GTK or libadwaita" "$toolkit"
forbid core "includes GIO" "$gio"
forbid core "includes a header of app/, cli/ or ui/" "#include\s*\"($app_h|$cli_h|$ui_h)\""
# The core reports through GError and returns values; only a caller prints.
forbid core "prints or exits" "(^|[^_[:alnum:]>.])(printf|fprintf|puts|fputs|putchar|g_print|g_printerr|exit|abort)\s*\("
forbid app "includes GTK or libadwaita" "$toolkit"
forbid app "includes a header of cli/ or ui/" "#include\s*\"($cli_h|$ui_h)\""
forbid cli "includes GTK or libadwaita" "$toolkit"
forbid cli "includes a header of ui/" "#include\s*\"($ui_h)\""
exit $status
