#!/usr/bin/env bash
# The Debian packages the demo and the tests run for real, installed when missing (idempotent: on
# a machine that has them this only checks, in well under a second):
# - awscli: the faithfulness tests and the benchmarks run the real CLI against the sandbox;
# - postgresql, postgresql-postgis (the extension itself: `postgis` alone is the command-line
#   tools and only recommends it) and redis-server: the pipeline runner's service containers
#   (test.yml's PostGIS and Redis services, `CREATE EXTENSION postgis`), started per job on loopback;
# - ruby, ruby-rspec, ruby-rspec-junit-formatter, ruby-pg and ruby-redis: the learning platform's
#   Rails test job runs its specs with the real rspec against those services (the runner's
#   `bundle exec` checks the Gemfile.lock against Debian's gems; there is no Rails gem).
# Run by `npm run demo`, `npm test` (their pre-scripts) and .ci/run. Without root or apt-get it
# installs nothing and says what is missing; the tests that need a package then skip visibly.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=()
command -v /usr/bin/aws >/dev/null 2>&1 || packages+=(awscli)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || packages+=(postgresql)
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || packages+=(postgresql-postgis)
command -v /usr/bin/redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v /usr/bin/ruby >/dev/null 2>&1 || packages+=(ruby)
ls /usr/share/rubygems-integration/all/specifications/rspec-[0-9]*.gemspec >/dev/null 2>&1 || packages+=(ruby-rspec)
ls /usr/share/rubygems-integration/all/specifications/rspec_junit_formatter-[0-9]*.gemspec >/dev/null 2>&1 || packages+=(ruby-rspec-junit-formatter)
ls /usr/share/rubygems-integration/*/specifications/pg-[0-9]*.gemspec >/dev/null 2>&1 || packages+=(ruby-pg)
ls /usr/share/rubygems-integration/all/specifications/redis-[0-9]*.gemspec >/dev/null 2>&1 || packages+=(ruby-redis)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: ${packages[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  else
    echo "missing Debian packages: ${packages[*]} (as root: apt-get install ${packages[*]})" >&2
    exit 0
  fi
fi
# The Debian package starts a cluster and a redis of its own on the default ports; the pipeline
# runner's services map those ports for their jobs, so the system copies must not hold them.
if [ "$(id -u)" -eq 0 ]; then
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | awk '$4 == "online" {print $1, $2}' | while read -r version cluster; do
      pg_ctlcluster "$version" "$cluster" stop || true
    done
  fi
  if pgrep -x redis-server >/dev/null 2>&1 && [ -x /etc/init.d/redis-server ]; then
    /etc/init.d/redis-server stop || true
  fi
fi
