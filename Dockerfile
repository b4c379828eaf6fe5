# syntax=docker/dockerfile:1
# One Debian-based Node 24 LTS image for building and running: better-sqlite3 is a native module,
# compiled here against the same Node and glibc that run it.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY emulator ./emulator
COPY web ./web
COPY scripts/build-web.ts scripts/world-map.ts ./scripts/
RUN npm run build
# Production dependencies only, installed afresh (better-sqlite3 compiled again) for the runtime stage.
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
# A bounded heap: without limits V8 lets garbage grow to ~240 MB RSS under load; with these ~135 MB,
# at a few percent of throughput (bench/server.ts runs the benchmark with the same options).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=4" \
    PORT=5000 \
    DATABASE_PATH=/data/twitter.db \
    SAMPLE_PATH=/app/data/sample/synthetic-recent-search.json
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY data/sample/synthetic-recent-search.json ./data/sample/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
