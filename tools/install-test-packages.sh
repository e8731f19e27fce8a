#!/usr/bin/env bash
# Install the Debian packages the tests use, when they are missing:
# chromium (accessibility tests in a real browser), zbar-tools (reading the
# QR codes printed on flyers) and poppler-utils (flyers as images).
set -euo pipefail
declare -A command_of=([chromium]=chromium [zbar-tools]=zbarimg [poppler-utils]=pdftoppm)
missing=()
for package in "${!command_of[@]}"; do
  command -v "${command_of[$package]}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installation des paquets Debian pour les tests : ${missing[*]}…"
run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Il manque ${missing[*]} : installez ces paquets Debian (droits administrateur nécessaires)." >&2
    exit 1
  fi
}
run_as_root apt-get update -qq
run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
