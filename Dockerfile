# Quorum as one container (DESIGN.md §7). Build: docker build -t quorum .   Run: docker run -p 3000:3000 quorum
# The build stage compiles better-sqlite3 from source and runs the same steps CI tests on the standalone server
# (npm ci, next build, scripts/assemble-standalone.sh); the run stage holds only the standalone output.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Toolchain for better-sqlite3's native module (no prebuilt binary is downloaded).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_build_from_source=better-sqlite3
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && sh scripts/assemble-standalone.sh

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    # The app drains on SIGTERM itself (live runs finish, the rest are cancelled and recorded, exit 0).
    NEXT_MANUAL_SIG_HANDLE=true \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    QUORUM_DATA_DIR=/data
# A non-root user owns only the data directory; the app files stay read-only to it.
RUN groupadd --system quorum && useradd --system --gid quorum --home /app quorum \
 && mkdir -p /data && chown quorum:quorum /data
COPY --from=build /app/.next/standalone ./
USER quorum
VOLUME ["/data"]
EXPOSE 3000
# Longer than QUORUM_DRAIN_MS (25 s by default), so that the drain ends before the runtime's SIGKILL.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
