#!/usr/bin/env bash
# Tries the README's two commands as a new user meets them: in a fresh Debian 12 root made with
# debootstrap (python3, make, g++, git, ca-certificates and Node 20, nothing else), on a clean
# clone of this repository's committed HEAD. See docs/fresh-machine.md.
#
# Usage (as root, on Debian or Ubuntu with debootstrap):
#   bash scripts/fresh-machine/run.sh [--base DIR] [--work DIR] [test|start|both]
#   test:  npm install && npm test     start: npm install && npm start (until it serves a page)
# The base root is made once (about 3 minutes) and reused; each try runs in a copy of it.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
base=/var/tmp/seed-review-fresh/base
work=/var/tmp/seed-review-fresh/try
what=both
while (($#)); do
  case "$1" in
    --base) base=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    test|start|both) what=$1; shift ;;
    *) echo "usage: $0 [--base DIR] [--work DIR] [test|start|both]" >&2; exit 2 ;;
  esac
done
[[ $(id -u) == 0 ]] || { echo "fresh-machine: run as root (debootstrap and chroot need it)" >&2; exit 2; }

mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}

if [[ ! -f $base/var/lib/dpkg/status || ! -x $base/usr/bin/g++ ]]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap; }
  echo "fresh-machine: debootstrap bookworm into $base (from $mirror)"
  rm -rf "$base"
  debootstrap --variant=minbase --include=python3,make,g++,git,ca-certificates bookworm "$base" "$mirror" >/dev/null
fi
if [[ ! -x $base/usr/bin/node ]]; then
  # Node 20 as a new machine of this project's kind has it: the node binary and npm.
  node_bin=$(command -v node)
  node_prefix=$(dirname "$(dirname "$(readlink -f "$node_bin")")")
  cp "$(readlink -f "$node_bin")" "$base/usr/bin/node"
  mkdir -p "$base/usr/lib/node_modules"
  cp -a "$node_prefix/lib/node_modules/npm" "$base/usr/lib/node_modules/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$base/usr/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$base/usr/bin/npx"
  # Node's headers, so node-gyp builds native modules without downloading them.
  [[ -d $node_prefix/include/node ]] && mkdir -p "$base/usr/include" && cp -a "$node_prefix/include/node" "$base/usr/include/"
  # The machine's apt sources and, where the registries are reached through a local certificate
  # authority, its certificates.
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    cp /etc/apt/sources.list.d/debian.sources "$base/etc/apt/sources.list.d/"
    rm -f "$base/etc/apt/sources.list"
  fi
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$base/usr/local/share/ca-certificates/"
    chroot "$base" update-ca-certificates >/dev/null
  fi
  [[ -f $HOME/.npmrc ]] && cp "$HOME/.npmrc" "$base/root/.npmrc"
  echo "fresh-machine: base ready: $(chroot "$base" node --version), npm $(chroot "$base" npm --version 2>/dev/null)"
fi

try_one() {
  local name=$1 command=$2
  local root=$work-$name
  umount_all "$root"
  # Never delete through a mount: /dev, /proc and /sys of the host are bound inside during a try.
  if grep -q " $root/" /proc/mounts; then echo "fresh-machine: $root still has mounts; not removing it" >&2; return 1; fi
  rm -rf "$root"
  cp -a "$base" "$root"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  git clone -q "$repo" "$root/root/project"
  for fs in proc sys dev; do mkdir -p "$root/$fs"; mount --rbind "/$fs" "$root/$fs"; mount --make-rslave "$root/$fs"; done
  echo "fresh-machine: [$name] $command"
  local status=0
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt LANG=C.UTF-8 \
    bash -lc "cd /root/project && $command" 2>&1 | tee "$work-$name.log" || status=$?
  umount_all "$root"
  echo "fresh-machine: [$name] exit code $status (log: $work-$name.log)"
  return "$status"
}

umount_all() {
  local root=$1 proc
  # Whatever the try left running inside the root (a server, a browser) goes first.
  for proc in /proc/[0-9]*; do
    if [[ $(readlink "$proc/root" 2>/dev/null) == "$root" ]]; then kill -9 "${proc#/proc/}" 2>/dev/null || true; fi
  done
  for fs in dev sys proc; do
    if mountpoint -q "$root/$fs" 2>/dev/null; then umount -R "$root/$fs" 2>/dev/null || umount -lR "$root/$fs"; fi
  done
  return 0
}

mkdir -p "$(dirname "$work")"
result=0
if [[ $what == test || $what == both ]]; then
  try_one test 'npm install --no-audit --no-fund && npm test' || result=1
fi
if [[ $what == start || $what == both ]]; then
  # npm start serves until stopped: it passes when it prints the address and the page answers.
  try_one start 'npm install --no-audit --no-fund && { npm start > /tmp/start.log 2>&1 & pid=$!; for i in $(seq 1 600); do url=$(grep -o "http://127.0.0.1:[0-9]*/[^ ]*" /tmp/start.log | head -1); [ -n "$url" ] && break; kill -0 $pid 2>/dev/null || break; sleep 1; done; cat /tmp/start.log; [ -n "$url" ] && node -e "fetch(process.argv[1]).then(r=>{console.log(\"GET\",process.argv[1],\"->\",r.status);process.exit(r.ok?0:1)},e=>{console.error(e.message);process.exit(1)})" "$url"; ok=$?; kill $pid; wait $pid 2>/dev/null; exit $ok; }' || result=1
fi
exit "$result"
