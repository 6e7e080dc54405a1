# One image for every service (api, worker, migrate, omicall-sim); compose picks the command.
# Node 24 runs the TypeScript sources directly; only the console (apps/web) is built.
FROM node:24-slim

WORKDIR /app

# The whole tree is needed before `npm ci`: its postinstall generates the Prisma client from
# prisma/schema.prisma, and the workspaces' package.json files sit next to their sources.
COPY . .
# Dev dependencies stay: the Prisma CLI and the wasm schema engine are what `db:migrate` runs.
RUN npm ci --no-audit --no-fund && npm cache clean --force
# The console's production build, served by the API at /.
RUN npm run build:web

ENV NODE_ENV=production
USER node
EXPOSE 3000
CMD ["npm", "run", "start:api"]
