# One image for the API (which serves the web app), the worker and the one-shot migration; compose
# picks the command. Built in two stages so the image carries neither compilers, sources nor dev tools.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY libs/contracts/package.json libs/contracts/
COPY libs/engine/package.json libs/engine/
COPY libs/actions/package.json libs/actions/
COPY libs/data/package.json libs/data/
COPY libs/mail/package.json libs/mail/
COPY migrations/package.json migrations/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
# Production dependencies only; the workspace packages are linked from their package.json files.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/worker/package.json apps/worker/
COPY --from=build /app/apps/web/package.json apps/web/
COPY --from=build /app/libs/contracts/package.json libs/contracts/
COPY --from=build /app/libs/engine/package.json libs/engine/
COPY --from=build /app/libs/actions/package.json libs/actions/
COPY --from=build /app/libs/data/package.json libs/data/
COPY --from=build /app/libs/mail/package.json libs/mail/
COPY --from=build /app/migrations/package.json migrations/
# The embedded PostgreSQL (an optional dependency, for `npm start` on a bare machine) stays out: compose runs its own.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/worker/dist apps/worker/dist
COPY --from=build /app/apps/web/dist apps/web/dist
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/libs/engine/dist libs/engine/dist
COPY --from=build /app/libs/actions/dist libs/actions/dist
COPY --from=build /app/libs/data/dist libs/data/dist
COPY --from=build /app/libs/mail/dist libs/mail/dist
COPY --from=build /app/migrations/dist migrations/dist
COPY --from=build /app/scripts scripts
COPY --from=build /app/templates templates
# The image's own unprivileged user: nothing in /app is writable by the running process.
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
