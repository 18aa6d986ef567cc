#!/usr/bin/env bash
# Installs what jobflow needs to build, test and run its demo on Debian 12 (bookworm). Idempotent:
# packages already present are skipped without touching apt.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  libsqlite3-dev libssl-dev libzip-dev libfmt-dev libspdlog-dev libcli11-dev libgtest-dev libgmock-dev
  python3 python3-boto3 awscli default-jre-headless openjdk-17-jdk-headless procps curl
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
