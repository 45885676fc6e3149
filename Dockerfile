# The xxgk image for the worker, import and dashboard services of docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# everything first: npm ci runs postinstall (patch-package applies patches/) and prepare (tsc)
COPY . .
RUN npm ci
ENV NODE_ENV=production
# two arenas, trimmed: a worker process under 300 MB (docs/benchmarks.md, "Memory")
ENV MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072
CMD ["node", "bin/xxgk.js", "--help"]
