#!/usr/bin/env bash
# Install the Debian packages named, when they are missing.
#
#   tools/install-debian-packages.sh [--optional "WHAT IS LOST"] PACKAGE:FILE...
#
# FILE is what the package brings: a command (pdftoppm) or a shared library
# (libharfbuzz-subset.so.0). A package is missing when its FILE is not found.
# With --optional, a package that cannot be installed (no administrator rights,
# no apt-get) is not an error: the command says what is lost, and goes on.
set -euo pipefail
optional=false
if [ "${1:-}" = "--optional" ]; then optional=true; lost="$2"; shift 2; fi

present() {
  case "$1" in
    *.so*) "$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null | grep -q "^[[:space:]]*$1 " ;;  # not on a user's PATH
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing=()
for wanted in "$@"; do
  present "${wanted#*:}" || missing+=("${wanted%%:*}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cannot_install() {
  if $optional; then
    echo "Remarque : il manque le paquet Debian ${missing[*]} ; ${lost}." \
      "Pour l'installer : sudo apt-get install ${missing[*]}" >&2
    exit 0
  fi
  echo "Il manque ${missing[*]} : installez ces paquets Debian (droits administrateur nécessaires)." >&2
  exit 1
}

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  # Without a password prompt when optional: `make site` must not stop to ask for one.
  if ! command -v sudo >/dev/null 2>&1 || { $optional && ! sudo -n true 2>/dev/null; }; then
    cannot_install
  fi
  as_root=(sudo)
fi
command -v apt-get >/dev/null 2>&1 || cannot_install
echo "Installation des paquets Debian : ${missing[*]}…"
"${as_root[@]}" apt-get update -qq || cannot_install
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || cannot_install
