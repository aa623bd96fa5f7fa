# Telemed — developer entry points. `make help` lists them; `make dev` runs the whole platform.
#
# Conventions: one section per concern, every public target documented with `## …` (shown by `make help`),
# tools and flags overridable from the command line (e.g. `make dev MVN_FLAGS="-B -q -o -DskipTests"`).

SHELL         := /bin/bash
.DEFAULT_GOAL := help

MVN        ?= mvn
MVN_FLAGS  ?= -B -q -DskipTests
NPM        ?= npm
JAVA       ?= java
# The launcher's own JVM; it also hosts the Kafka broker.
DEVSTACK_JAVA_OPTS ?= -XX:+UseSerialGC -Xms64m -Xmx384m -XX:TieredStopAtLevel=1 -Xss512k

STATE_DIR  := .telemed

# --- Build -----------------------------------------------------------------------------------------------

# Java: the reactor modules as listed in pom.xml; rebuilt when a pom or a main source/resource is newer than
# the last build, or when an application jar is missing.
MODULES      := $(shell sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml)
JAVA_INPUTS  := pom.xml $(shell find $(MODULES) \( -name pom.xml -o -path '*/src/main/*' \) -type f 2>/dev/null)
APP_JARS     := $(foreach m,$(filter %-service gateway deploy/devstack,$(MODULES)),$(m)/target/$(notdir $(m)).jar)
MISSING_JARS := $(filter-out $(wildcard $(APP_JARS)),$(APP_JARS))
JAVA_STAMP   := deploy/devstack/target/java-build.stamp

# Web: Next.js standalone server; `npm ci` when the lockfile changed (or node_modules is missing).
WEB_INPUTS   := $(shell find web/app web/components web/lib web/public web/scripts -type f 2>/dev/null) \
                $(wildcard web/*.json web/*.ts web/*.mjs)
WEB_DEPS     := web/node_modules/.package-lock.json
WEB_SERVER   := web/.next/standalone/server.js

.PHONY: build build-java build-web
build: build-java build-web ## Build what changed: Java modules (mvn install, no tests) and the web

build-java: $(JAVA_STAMP)

build-web: $(WEB_SERVER)

$(JAVA_STAMP): $(JAVA_INPUTS) $(if $(MISSING_JARS),FORCE)
	@echo "Building the Java modules (mvn install, tests skipped)…"
	$(MVN) $(MVN_FLAGS) install
	@mkdir -p $(@D) && touch $@

$(WEB_DEPS): web/package-lock.json
	@echo "Installing the web's dependencies (npm ci)…"
	cd web && $(NPM) ci --no-audit --no-fund

$(WEB_SERVER): $(WEB_DEPS) $(WEB_INPUTS)
	@echo "Building the web (next build)…"
	cd web && NEXT_TELEMETRY_DISABLED=1 $(NPM) run build
	@touch $@

# --- Run the platform (the embedded default: no Docker, no accounts) --------------------------------------

.PHONY: dev down logs clean-data
dev: build ## Build if needed, then run everything on this machine; Ctrl-C stops it (see deploy/devstack/README.md)
	@$(JAVA) $(DEVSTACK_JAVA_OPTS) -jar deploy/devstack/target/devstack.jar

down: ## Stop whatever a crashed `make dev` left running
	@deploy/devstack/down.sh

logs: ## Follow the logs of a running `make dev`
	@ls $(STATE_DIR)/logs/*.log >/dev/null 2>&1 || { echo "No logs yet: run make dev first."; exit 1; }
	tail -n 20 -F $(STATE_DIR)/logs/*.log

clean-data: ## Delete all local state (database, Kafka, logs): make clean-data CONFIRM=yes
	@if [ "$(CONFIRM)" != "yes" ]; then \
	  echo "This deletes $(STATE_DIR)/ (database, Kafka data, logs). To go ahead: make clean-data CONFIRM=yes"; \
	  exit 1; \
	fi
	@deploy/devstack/down.sh --quiet
	rm -rf $(STATE_DIR)

.PHONY: api-types
api-types: ## Snapshot the running API (make dev) into web/lib/api/ and regenerate the web's API types from it
	cd web && BASE_URL=$${BASE_URL:-http://localhost:8080} $(NPM) run api:types

# --- Tests -----------------------------------------------------------------------------------------------

# Every test, as CI runs them (.ci/run calls exactly `make test`): the Java modules against a real PostgreSQL
# and a real Kafka broker (embedded when no Docker engine is available), the web's unit tests, then the built web
# in Chromium behind the real gateway.
.PHONY: test
test: ## Run every test: Java (real PostgreSQL + Kafka), web unit and browser tests, deployment files
	$(MVN) -B -ntp install
	cd web && $(NPM) ci --no-audit --no-fund
	cd web && $(NPM) test
	cd web && NEXT_TELEMETRY_DISABLED=1 $(NPM) run build
	web/e2e/with-platform.sh
	deploy/scripts/validate.sh

.PHONY: chaos
chaos: build ## Fault scenarios at full size: kill -9, broker and database outages, Stripe down (docs/reliability.md)
	E2E_SUITE=chaos E2E_PORT_OFFSET=$${E2E_PORT_OFFSET:-11000} web/e2e/with-platform.sh
	$(MVN) -B -q -ntp -pl payment-service -am -Dtest=StripeOutageIT -Dsurefire.failIfNoSpecifiedTests=false verify

.PHONY: fuzz
fuzz: build ## Schema-driven fuzzing of every API operation through the gateway, three seeds (web/e2e/fuzz/)
	E2E_SUITE=fuzz E2E_PORT_OFFSET=$${E2E_PORT_OFFSET:-12000} web/e2e/with-platform.sh

# Every benchmark of docs/benchmarks.md in one run, the platform on production JVM flags; prints one table.
.PHONY: bench
bench: build-java ## Benchmarks: gateway vs nginx, bookings, webhooks, login storm, mail drain (deploy/bench/bench.sh)
	deploy/bench/bench.sh

# --- Production deployment (Compose, Kubernetes, backups): deploy/README.md -----------------------------------

include deploy/deploy.mk

# --- Help ------------------------------------------------------------------------------------------------

.PHONY: help FORCE
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort \
	  | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

FORCE:
