# quo-mcp over HTTP. Build: docker build -t quo-mcp .
# Run:   docker run -p 127.0.0.1:3000:3000 -e QUO_MCP_AUTH_TOKEN -e MATON_API_KEY quo-mcp
# It listens on 0.0.0.0:3000 inside the container, so it refuses to start without
# QUO_MCP_AUTH_TOKEN (or an explicit QUO_MCP_ALLOW_UNAUTHENTICATED=1).

FROM node:24-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: esbuild's binary comes as an optional dependency, nothing else needs one.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/bundle-options.mjs scripts/bundle-trims.mjs scripts/code-cache.mjs ./scripts/
COPY src ./src
COPY views ./views
# One self-contained bundle in dist/: the runtime image needs no node_modules at all.
RUN npm run build

FROM node:24-alpine
LABEL io.modelcontextprotocol.server.name="io.github.quo-mcp/quo-mcp" \
      org.opencontainers.image.title="quo-mcp" \
      org.opencontainers.image.description="MCP server for the Quo (formerly OpenPhone) phone system, through the Maton gateway" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production \
    QUO_MCP_HTTP=1 \
    QUO_MCP_HOST=0.0.0.0 \
    QUO_MCP_PORT=3000
WORKDIR /app
# dist/ holds its own package.json, which marks its files as CommonJS.
COPY --from=build /app/dist ./dist
# The image's files stay root-owned and read-only to the server, which runs as "node".
USER node
EXPOSE 3000
# Node's own fetch: the runtime image has no curl or wget to rely on.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.QUO_MCP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) drains calls in flight; give it time with docker stop -t 130.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/cli.js"]
