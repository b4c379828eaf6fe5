#!/bin/sh
# Renders alertmanager.yml.tmpl (next to this script) with the environment into $ALERTMANAGER_CONFIG
# (default /tmp/alertmanager.yml), then, given arguments, runs them with --config.file added:
#   render-config.sh /bin/alertmanager --storage.path=/alertmanager
# Values are written as double-quoted YAML strings, so any character is safe in them.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${ALERTMANAGER_CONFIG:-/tmp/alertmanager.yml}"
ALERT_TEMPLATES="$here/templates/*.tmpl"
export ALERT_TEMPLATES

if [ -z "${ALERT_WEBHOOK_URL:-}" ] && [ -z "${ALERT_EMAIL_TO:-}" ]; then
  echo "render-config: neither ALERT_WEBHOOK_URL nor ALERT_EMAIL_TO is set: alerts are shown at :9093 but sent nowhere" >&2
fi
case "${ALERT_SMTP_REQUIRE_TLS:-true}" in
  true) ;;
  false) ALERT_SMTP_PLAIN=yes && export ALERT_SMTP_PLAIN ;;
  *) echo "render-config: ALERT_SMTP_REQUIRE_TLS is true or false, not ${ALERT_SMTP_REQUIRE_TLS}" >&2 && exit 1 ;;
esac
if [ -n "${ALERT_EMAIL_TO:-}" ] && { [ -z "${ALERT_SMTP_SMARTHOST:-}" ] || [ -z "${ALERT_SMTP_FROM:-}" ]; }; then
  echo "render-config: ALERT_EMAIL_TO needs ALERT_SMTP_SMARTHOST (host:port) and ALERT_SMTP_FROM" >&2
  exit 1
fi

awk '
  function quoted(value) {
    gsub(/\\/, "\\\\", value); gsub(/"/, "\\\"", value)
    gsub(/\n/, "\\n", value); gsub(/\r/, "\\r", value); gsub(/\t/, "\\t", value)
    return "\"" value "\""
  }
  /^#if [A-Z_]+$/ { skipping = (ENVIRON[$2] == ""); next }
  /^#endif$/ { skipping = 0; next }
  skipping { next }
  {
    rest = $0; done = ""
    while (match(rest, /\$\{[A-Z_]+\}/)) {
      done = done substr(rest, 1, RSTART - 1) quoted(ENVIRON[substr(rest, RSTART + 2, RLENGTH - 3)])
      rest = substr(rest, RSTART + RLENGTH)
    }
    print done rest
  }
' "$here/alertmanager.yml.tmpl" >"$out"

if [ "$#" -gt 0 ]; then exec "$@" --config.file="$out"; fi
