#!/bin/sh
# The image's entry point: `api`, `worker` or `migrate`, as npm's start:api, start:worker and
# db:migrate run them from the built bundle; anything else is run as given. exec, so that the
# process receives the container's SIGTERM and stops gracefully.
set -eu
command="${1:-api}"
[ "$#" -gt 0 ] && shift
case "$command" in
  api) exec node --import ./dist/bin/tracing.js dist/bin/api.js "$@" ;;
  worker) exec node --max-old-space-size=256 --import ./dist/bin/tracing.js dist/bin/worker.js "$@" ;;
  migrate) exec node dist/bin/migrate.js "$@" ;;
  *) exec "$command" "$@" ;;
esac
