#!/usr/bin/env bash
# Installs code-server (VS Code served to a browser) and Debian's Chromium for
# Hearth's end-to-end tests. Idempotent: a marker file records a finished
# install, so a second run only checks the system packages.
#
#   scripts/setupCodeServer.sh            # prints the code-server launcher path
#   HEARTH_CODE_SERVER_DIR=/somewhere ... # install elsewhere than <repo>/.cache
#
# Everything comes from the npm registry and Debian packages only: npm install
# scripts are skipped (they download ripgrep and prebuilt binaries), native
# modules are compiled here against the local Node headers, and ripgrep is
# taken from Debian.
set -euo pipefail

VERSION=4.100.3 # last code-server release that runs on Node 20 (VS Code 1.100)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${HEARTH_CODE_SERVER_DIR:-$ROOT/.cache/code-server}"
DIR="$BASE/$VERSION"
PKG="$DIR/node_modules/code-server"
VSCODE="$PKG/lib/vscode"
LAUNCHER="$DIR/node_modules/.bin/code-server"
MARKER="$DIR/.hearth-install-complete"
LOG="$BASE/setup-$VERSION.log"
LOGGING=0 # set once this run writes the build log

APT_PACKAGES=(chromium ripgrep fonts-liberation fonts-dejavu-core
  build-essential python3 pkg-config
  libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
# Native modules of VS Code's server (relative to lib/vscode/node_modules).
# @parcel/watcher is absent on purpose: it ships a prebuilt binary package.
# The Windows-only modules are skipped.
NATIVE_MODULES=(kerberos @vscode/spdlog @vscode/deviceid native-watchdog node-pty)

say() { printf '[setupCodeServer] %s\n' "$*" >&2; }
fail() {
  say "ERROR: $*"
  if ((LOGGING)); then
    say "Build log: $LOG (last lines follow)"
    tail -n 30 "$LOG" >&2
  fi
  exit 1
}
# Runs a command with its output going to the log, failing with a message.
run() {
  local what="$1" started=$SECONDS; shift
  printf '\n### %s\n$ %s\n' "$what" "$*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || fail "$what failed (exit $?)"
  say "$what ($((SECONDS - started))s)"
}

install_apt_packages() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || fail "missing Debian packages: ${missing[*]} (run as root or install them)"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null || fail "apt-get not found; install these packages: ${missing[*]}"
  say "Installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
}

# node-gyp must compile against the headers of the running Node; without a
# local copy it would try to download them.
find_node_headers() {
  local prefix
  prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  [[ -f "$prefix/include/node/node.h" ]] || fail "Node headers not found under $prefix/include/node (needed to compile native modules)"
  NODEDIR="$prefix"
}

install_code_server() {
  rm -rf "$DIR"
  mkdir -p "$DIR"
  # A package.json of its own keeps npm from walking up into the repository.
  printf '{ "name": "hearth-code-server", "private": true }\n' >"$DIR/package.json"
  cd "$DIR"
  run "npm install code-server@$VERSION" \
    npm install --ignore-scripts --no-audit --no-fund --omit=dev "code-server@$VERSION"

  local node_gyp
  node_gyp="$(npm root -g 2>/dev/null)/npm/node_modules/node-gyp/bin/node-gyp.js"
  [[ -f "$node_gyp" ]] || fail "node-gyp not found at $node_gyp (it ships with npm)"

  cd "$DIR/node_modules/argon2"
  run "Building argon2" \
    node ../@mapbox/node-pre-gyp/bin/node-pre-gyp rebuild --build-from-source --nodedir="$NODEDIR" --jobs=max

  cd "$VSCODE"
  run "Installing VS Code server dependencies" \
    npm install --ignore-scripts --no-audit --no-fund --omit=dev
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

  local m
  for m in "${NATIVE_MODULES[@]}"; do
    cd "$VSCODE/node_modules/$m"
    run "Building $m" node "$node_gyp" rebuild --nodedir="$NODEDIR" --jobs=max
  done

  # What code-server's postinstall.sh does after installing dependencies.
  cd "$VSCODE"
  ln -sfn node_modules node_modules.asar
  ln -sfn code-linux.sh bin/remote-cli/code-server
  ln -sfn browser-linux.sh bin/helpers/browser.sh
  cd "$VSCODE/extensions"
  run "Installing built-in extension dependencies" \
    npm install --ignore-scripts --no-audit --no-fund --omit=dev

  check_install
}

# Loads every native module once, so a broken build fails here, not in a test.
check_install() {
  cd "$VSCODE"
  run "Checking native modules" node -e '
    for (const m of ["kerberos", "@vscode/spdlog", "@vscode/deviceid", "native-watchdog", "node-pty", "@parcel/watcher"]) require(m);
    require(process.argv[1]);
  ' "$DIR/node_modules/argon2"
  # An explicit config file keeps code-server from writing one into ~/.config.
  printf 'auth: none\n' >"$DIR/config.yaml"
  run "Checking code-server starts" "$LAUNCHER" --config "$DIR/config.yaml" --version
}

main() {
  mkdir -p "$BASE"
  # One install at a time, e.g. when two test runs start together.
  exec 9>"$BASE/.lock"
  flock 9 || fail "could not lock $BASE/.lock"

  command -v node >/dev/null || fail "node is not installed"
  local node_major want_marker
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [[ "$node_major" == 20 ]] || fail "code-server $VERSION needs Node 20, found $(node --version)"

  install_apt_packages

  want_marker="code-server $VERSION node-abi $(node -p process.versions.modules)"
  if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$want_marker" && -x "$LAUNCHER" ]]; then
    echo "$LAUNCHER"
    return 0
  fi

  : >"$LOG"
  LOGGING=1
  find_node_headers
  local started=$SECONDS
  install_code_server
  echo "$want_marker" >"$MARKER"
  say "code-server $VERSION installed in $((SECONDS - started))s"
  echo "$LAUNCHER"
}

main "$@"
