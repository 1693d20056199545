# syntax=docker/dockerfile:1
# The Guangdong provincial subgraph (a provincial federation may run it in its own cluster instead), built from the repository root:
#   docker build -f deploy/docker/guangdong.Dockerfile -t union-graph/guangdong .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# Only @union-graph/guangdong and the workspaces it depends on, so unrelated changes keep the layer cache.
FROM ${NODE_IMAGE} AS prune
WORKDIR /app
RUN npm install --global turbo@2.11.11 --no-audit --no-fund
COPY . .
RUN turbo prune @union-graph/guangdong --docker

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=prune /app/out/json/ .
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY --from=prune /app/out/full/ .
RUN npx turbo run build --filter=@union-graph/guangdong... --output-logs=errors-only

# Production dependencies of this one workspace: no compilers, code generators or test tools.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=prune /app/out/json/ .
RUN npm ci --omit=dev --workspace=@union-graph/guangdong --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4101
WORKDIR /app
COPY --from=deps /app .
COPY --from=build /app/packages packages
COPY --from=build /app/services/guangdong/dist services/guangdong/dist
COPY --from=build /app/services/guangdong/schema.graphql services/guangdong/schema.graphql
COPY deploy/docker/healthcheck.cjs /healthcheck.cjs
USER node
EXPOSE 4101
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/healthcheck.cjs"]
# The package's `start` script without npm in between, so SIGTERM reaches Node directly.
WORKDIR /app/services/guangdong
CMD ["node", "dist/index.js"]
