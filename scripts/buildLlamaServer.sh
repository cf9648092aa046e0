#!/usr/bin/env bash
# Builds llama-server (CPU only) from the llama.cpp source that node-llama-cpp
# ships as a git bundle, so the benchmark can compare Hearth with the same
# llama.cpp release that Hearth runs. Idempotent: an existing binary is kept.
#
#   scripts/buildLlamaServer.sh   # prints the llama-server path
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LLAMA_DIR="$ROOT/node_modules/node-llama-cpp/llama"
BUNDLE="$LLAMA_DIR/gitRelease.bundle"
SRC="$ROOT/.cache/llama.cpp-src"
BUILD="$ROOT/.cache/llama-server"
BIN="$BUILD/bin/llama-server"
LOG="$BUILD/build.log"

say() { printf '[buildLlamaServer] %s\n' "$*" >&2; }
fail() {
  say "ERROR: $*"
  [[ -f "$LOG" ]] && say "Build log: $LOG (last lines follow)" && tail -n 30 "$LOG" >&2
  exit 1
}

# The build is tuned to this CPU (GGML_NATIVE): a cached one made on a CPU with other features is built again.
CPU_FLAGS="$BUILD/cpu-flags"
cpu_flags() { grep -m1 -E '^(flags|Features)' /proc/cpuinfo 2>/dev/null || uname -m; }
if [[ -x "$BIN" ]]; then
  if [[ ! -f "$CPU_FLAGS" ]] || [[ "$(cat "$CPU_FLAGS")" == "$(cpu_flags)" ]]; then
    echo "$BIN"
    exit 0
  fi
  say "the cached llama-server was built for another CPU: building it again"
  rm -rf "$BUILD"
fi

[[ -f "$BUNDLE" ]] || fail "$BUNDLE not found: run npm install first"
# A fresh Debian machine (CI) gets the build tools it lacks; elsewhere the script says what to install.
missing=()
for tool in git cmake g++ make; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  sudo=()
  [[ $(id -u) == 0 ]] || { command -v sudo >/dev/null && sudo=(sudo); }
  if command -v apt-get >/dev/null && { [[ $(id -u) == 0 ]] || ((${#sudo[@]} > 0)); }; then
    say "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
      || fail "apt-get install ${missing[*]} failed"
  else
    fail "${missing[*]} required (apt-get install git cmake g++ make)"
  fi
fi

if [[ ! -f "$SRC/CMakeLists.txt" ]]; then
  say "cloning $(sed -n 's/.*"tag": *"\([^"]*\)".*/\1/p' "$LLAMA_DIR/llama.cpp.info.json") from the node-llama-cpp bundle"
  rm -rf "$SRC"
  mkdir -p "$(dirname "$SRC")"
  git -c advice.detachedHead=false clone --quiet "$BUNDLE" "$SRC" || fail "git clone of $BUNDLE failed"
fi

# HTTPS and the web UI are not needed to serve /infill on 127.0.0.1; without
# them the build needs no libssl-dev and never tries to download UI assets.
mkdir -p "$BUILD"
: >"$LOG"
say "configuring (log: $LOG)"
nice -n 10 cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DGGML_NATIVE=ON -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
  >>"$LOG" 2>&1 || fail "cmake configure failed"
say "building llama-server"
nice -n 10 cmake --build "$BUILD" --config Release --target llama-server -j2 \
  >>"$LOG" 2>&1 || fail "build failed"
[[ -x "$BIN" ]] || fail "build finished but $BIN is missing"
cpu_flags >"$CPU_FLAGS"
echo "$BIN"
