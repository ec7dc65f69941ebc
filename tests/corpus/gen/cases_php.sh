#!/bin/bash
# PHP cases for tests/corpus/php/ from REAL tool runs (Debian 12's php 8.2 + composer 2.5).
#
#   bash tests/corpus/gen/cases_php.sh                   # all php cases
#   bash tests/corpus/gen/cases_php.sh ph_composer_lock  # only some
#
# Reuses make_cases.sh (sourced: proj, cap, spec, wrap_gha.py) with its own scratch space
# (/tmp/ci-corpus-php) and repositories named php-* under /home/runner/work.  Packages come
# from inline `package` repositories in composer.json (a private set-up with Packagist turned
# off), so nothing leaves the machine.  Needs: composer (Debian package; it pulls php-cli).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=make_cases.sh
source "$HERE/make_cases.sh"
W=/tmp/ci-corpus-php
G=php
mkdir -p "$W"
COMPOSERV="Composer $(composer --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1), PHP $(php -r 'echo PHP_VERSION;')"
NOTE_PHP="Tool output really captured on Debian 12 ($COMPOSERV, Debian packages) in a throwaway project at /home/runner/work/REPO/REPO, step script run as the runner does (bash -e /home/runner/work/_temp/UUID.sh, stdout+stderr together). Synthetic: timestamps, runner preamble, checkout group, step headers, ##[error]/post-job lines. Generator: tests/corpus/gen/cases_php.sh + wrap_gha.py."

# hdr CASE JOB RUNNER PRIMARY "CATEGORIES" "NOTES"
hdr() { spec_head "$NOTE_PHP" "$1" "$2" "$3" "$4" "$5" "$COMPOSERV" "${6:-}"; }
# a composer step: the cache directory stays in the scratch space
composer_step() { cap "$1" "$2" COMPOSER_HOME=/home/runner/.composer COMPOSER_NO_INTERACTION=1; }

ph_composer_not_found() {
  local C=dependency-install-composer-package-not-found
  proj acme/php-billing
  cat > composer.json <<'J'
{
    "name": "acme/billing",
    "type": "project",
    "repositories": [
        {"packagist.org": false},
        {"type": "package", "package": {"name": "acme/money", "version": "2.3.0",
         "dist": {"url": "https://packages.acme.test/money-2.3.0.zip", "type": "zip"}}}
    ],
    "require": {
        "php": ">=8.1",
        "acme/money": "^2.3",
        "acme/invoice-pdf": "^1.4"
    }
}
J
  composer_step $C 1 <<'S'
composer install --prefer-dist --no-progress
S
  spec $C $G <<E
$(hdr $C build u24 dependency-install dependency-install "composer.json requires a package no configured repository provides (a private package whose repository was not added)." )
field exit_code $(rc $C 1)
field package acme/invoice-pdf
evidence Your requirements could not be resolved to an installable set of packages.
evidence Root composer.json requires acme/invoice-pdf
step Install dependencies
  from $W/$C/1
E
}

ph_composer_platform() {
  local C=dependency-install-composer-platform-php-extension
  proj acme/php-catalog
  cat > composer.json <<'J'
{
    "name": "acme/catalog",
    "type": "project",
    "repositories": [{"packagist.org": false}],
    "require": {
        "php": "^8.3",
        "ext-mongodb": "*",
        "ext-mbstring": "*"
    }
}
J
  composer_step $C 1 <<'S'
composer install --prefer-dist --no-progress
S
  spec $C $G <<E
$(hdr $C "test (8.2)" u22 dependency-install dependency-install "The project requires PHP ^8.3 and the mongodb extension; the job's PHP is 8.2 without it.")
field exit_code $(rc $C 1)
evidence Your requirements could not be resolved to an installable set of packages.
evidence Root composer.json requires php ^8.3 but your php version
evidence Root composer.json requires PHP extension ext-mongodb
step -
  from $W/$C/1
E
}

ph_composer_lock() {
  local C=dependency-install-composer-lock-incompatible-platform
  proj acme/php-shipping
  cat > composer.json <<'J'
{
    "name": "acme/shipping",
    "type": "project",
    "repositories": [
        {"packagist.org": false},
        {"type": "package", "package": {"name": "acme/geo", "version": "3.0.1", "require": {"php": ">=8.3"},
         "dist": {"url": "https://packages.acme.test/geo-3.0.1.zip", "type": "zip"}}}
    ],
    "require": {"acme/geo": "^3.0"},
    "config": {"platform": {"php": "8.3.4"}}
}
J
  # the lock file was written on a developer machine with PHP 8.3
  COMPOSER_HOME=/home/runner/.composer composer update --no-install --no-interaction > /dev/null 2>&1
  /usr/bin/python3 - <<'P'
import json
for f in ("composer.json", "composer.lock"):
    d = json.load(open(f))
    d.pop("config", None); d.pop("platform-overrides", None)
    json.dump(d, open(f, "w"), indent=4)
P
  composer_step $C 1 <<'S'
composer install --no-dev --prefer-dist --no-progress --optimize-autoloader
S
  spec $C $G <<E
$(hdr $C deploy u24new dependency-install dependency-install "composer.lock was written with PHP 8.3 (a platform override); a locked package needs php >=8.3 and the job runs 8.2.")
field exit_code $(rc $C 1)
field package acme/geo
evidence Your lock file does not contain a compatible set of packages. Please run composer update.
evidence acme/geo 3.0.1 requires php >=8.3
step Install PHP dependencies
  from $W/$C/1
E
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_cases ph_ "$@"
fi
