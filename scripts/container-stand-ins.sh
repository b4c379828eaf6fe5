#!/usr/bin/env bash
# Builds stand-ins for the official images the scale-out stack uses (docker-compose.replicas.yml and
# docker-compose.events.yml), for machines that run podman but cannot pull from a registry: one Debian
# bookworm root (mmdebstrap, minbase) with Debian's PostgreSQL, NATS, nginx and Prometheus, tagged once
# per official name with that image's entrypoint, ports and user. For tests only; docs/containers.md
# says where they differ from the official images.
#   scripts/container-stand-ins.sh          # builds them once; kept while the tags exist
#   REBUILD=1 scripts/container-stand-ins.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNTIME_OPTIONS=(--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
PACKAGES=postgresql,nats-server,nginx-light,prometheus,wget,ca-certificates
BASE_TAG=localhost/twitter-api-stand-in-base:bookworm

# The image a compose file gives `service`, with Docker's implicit registry and namespace spelled out.
image_of() {
  local name
  name="$(sed -n "/^  $1:\$/,/^  [a-z]/s/^    image: \\(.*\\)\$/\\1/p" docker-compose*.yml | head -n 1)"
  if [ -z "$name" ]; then
    echo "no image for the service $1 in docker-compose*.yml" >&2
    exit 1
  fi
  case "$name" in
    */*) echo "docker.io/$name" ;;
    *) echo "docker.io/library/$name" ;;
  esac
}

POSTGRES_TAG="$(image_of postgres)"
NATS_TAG="$(image_of nats)"
NGINX_TAG="$(image_of proxy)"
PROMETHEUS_TAG="$(image_of prometheus)"

present() {
  [ "${REBUILD:-}" != 1 ] || return 1
  local tag
  for tag in "$@"; do podman image exists "$tag" || return 1; done
}

if present "$POSTGRES_TAG" "$NATS_TAG" "$NGINX_TAG" "$PROMETHEUS_TAG"; then
  echo "the stand-ins are present (REBUILD=1 builds them again)"
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! present "$BASE_TAG"; then
  # shellcheck disable=SC2016 # mmdebstrap expands "$1", the root, in its hooks
  mmdebstrap --quiet --variant=minbase --include="$PACKAGES" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    --customize-hook='rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15' \
    bookworm "$WORK/rootfs" http://deb.debian.org/debian
  tar -C "$WORK/rootfs" -c . | podman import --message "Debian bookworm: $PACKAGES" - "$BASE_TAG" >/dev/null
fi

# Each stand-in: the base, its entrypoint from scripts/stand-ins/, and the official image's settings.
stand_in() {
  local tag="$1" settings="$2"
  {
    echo "FROM $BASE_TAG"
    echo "COPY . /usr/local/share/stand-in/"
    printf '%s\n' "$settings"
  } >"$WORK/Containerfile"
  podman build "${RUNTIME_OPTIONS[@]}" --quiet --format docker --file "$WORK/Containerfile" \
    --tag "$tag" scripts/stand-ins >/dev/null
  echo "built $tag"
}

stand_in "$POSTGRES_TAG" 'ENV PGDATA=/var/lib/postgresql/data PATH=/usr/lib/postgresql/15/bin:/usr/sbin:/usr/bin:/sbin:/bin
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/bin/sh", "/usr/local/share/stand-in/postgres.sh"]
CMD ["postgres"]'
stand_in "$NATS_TAG" 'EXPOSE 4222 8222
ENTRYPOINT ["nats-server"]
CMD ["-c", "/usr/local/share/stand-in/nats-server.conf"]'
stand_in "$NGINX_TAG" 'EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]'
stand_in "$PROMETHEUS_TAG" 'RUN mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]'
