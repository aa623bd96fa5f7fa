# syntax=docker/dockerfile:1
#
# The Next.js web, from its standalone output (`make build-web` builds it and copies .next/static and public/
# into .next/standalone). Build context: the repository root.
#
#   docker build -f deploy/docker/web.Dockerfile -t telemed/web:dev .

FROM node:20-slim

LABEL org.opencontainers.image.title="telemed-web" \
      org.opencontainers.image.description="Telemed web (Next.js standalone server)"

ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0

WORKDIR /app
# Owned by root and read-only for the runtime user; only .next/cache must be writable (mount a tmpfs or an
# emptyDir there when the root filesystem is read-only).
COPY web/.next/standalone/ ./
RUN mkdir -p .next/cache && chown 1000:1000 .next/cache

# The image's `node` user (uid 1000), numeric so that Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 3000

HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"]

CMD ["node", "server.js"]
