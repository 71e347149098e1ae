# Herald in a container. Not built on the machine this was written on (no container daemon
# there): test/unit/packaging.test.ts checks its commands, ports and paths against the code.
# The same steps as CI: `npm ci`, then `npm start`.

# 1. Dependencies, compiled (better-sqlite3 builds from source when no prebuilt binary is found).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
# `prepare` compiles src/ and adapters/ into dist/ (scripts/build.js; esbuild is a dependency).
RUN npm ci --omit=dev

# 2. The image: production dependencies and the compiled JavaScript in dist/, as `node`.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HERALD_DATA_DIR=/app/data \
    CONTENT_DIR=/app/content \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY --from=deps /app/dist ./dist
COPY bin ./bin
COPY content ./content
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
