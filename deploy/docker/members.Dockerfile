# syntax=docker/dockerfile:1
# The members subgraph, built from the repository root:
#   docker build -f deploy/docker/members.Dockerfile -t union-graph/members .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# Only @union-graph/members and the workspaces it depends on, so unrelated changes keep the layer cache.
FROM ${NODE_IMAGE} AS prune
WORKDIR /app
RUN npm install --global turbo@2.11.11 --no-audit --no-fund
COPY . .
RUN turbo prune @union-graph/members --docker

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=prune /app/out/json/ .
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY --from=prune /app/out/full/ .
RUN npx turbo run build --filter=@union-graph/members... --output-logs=errors-only

# Production dependencies of this one workspace: no compilers, code generators or test tools.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=prune /app/out/json/ .
RUN npm ci --omit=dev --workspace=@union-graph/members --no-audit --no-fund --ignore-scripts

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4002
WORKDIR /app
COPY --from=deps /app .
COPY --from=build /app/packages packages
COPY --from=build /app/services/members/dist services/members/dist
COPY --from=build /app/services/members/schema.graphql services/members/schema.graphql
COPY deploy/docker/healthcheck.cjs /healthcheck.cjs
USER node
EXPOSE 4002
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/healthcheck.cjs"]
# The package's `start` script without npm in between, so SIGTERM reaches Node directly.
WORKDIR /app/services/members
CMD ["node", "dist/index.js"]
