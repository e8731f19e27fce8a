#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests, when it is missing.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
echo "Installation de Chromium (paquet Debian) pour les tests dans un vrai navigateur…"
run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Chromium manque : installez le paquet Debian « chromium » (droits administrateur nécessaires)." >&2
    exit 1
  fi
}
run_as_root apt-get update -qq
run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
