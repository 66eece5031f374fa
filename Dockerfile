# syntax=docker/dockerfile:1
# Kubeready container image: the Next.js standalone server plus the job worker, on Node LTS slim, as a
# non-root user, with a read-only root filesystem. Writable paths are volumes: /data (the embedded
# database, unused when DATABASE_URL is set), /tmp and /app/.next/cache.
#
#   docker build -t kubeready:0.1.0 .
#   docker run -p 3000:3000 --read-only --tmpfs /tmp --tmpfs /app/.next/cache -v kubeready-data:/data kubeready:0.1.0
#   app:    node kubeready/start.mjs    (the default command; migrations are applied at start)
#   worker: node kubeready/worker.mjs   (needs DATABASE_URL)
#
# Pin the base image by digest for reproducible builds: --build-arg NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:…
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# `npm install` honours the lockfile (`npm ci` rejects it on registries that serve only some platforms'
# optional native packages, as .ci/run notes). Its scripts run in the build stage, once the sources are
# there: the Prisma client from prisma/, the CLI bundle from lib/.
RUN npm install --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx prisma generate \
  && npm run build:cli \
  && npm run build:standalone

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  PORT=3000 \
  KUBEREADY_DATA_DIR=/data
WORKDIR /app
# The application files belong to root and are read-only to the user that runs them.
COPY --from=build /app/.next/standalone ./
RUN mkdir -p /data /app/.next/cache \
  && chown 10001:10001 /data /app/.next/cache
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# No curl in the slim image: Node's fetch asks the liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "kubeready/start.mjs"]
