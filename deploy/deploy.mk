# Telemed — production deployment targets, included from the root Makefile (`include deploy/deploy.mk`).
# The logic lives in deploy/scripts/*.sh; see deploy/README.md. Docker Compose targets need Docker Engine with the
# compose plugin; `make dev` (the embedded platform) needs neither.
#
#   make setup                      # .env with generated secrets (never overwritten) + self-signed TLS cert
#   make deploy [PROD=1]            # build jars and images, start the stack (PROD=1: spec's replicas)
#   make deploy-logs [SERVICE=gateway]
#   make deploy-down
#   make backup [BACKUP_FROM=local] [BACKUP_KEEP=14]
#   make restore FILE=backups/db_backup_<stamp>.sql.gz.enc CONFIRM=yes

# --- Deployment (Docker Compose) -------------------------------------------------------------------------

DEPLOY_SCRIPTS  := deploy/scripts
DEPLOY_ENV_FILE ?= .env
DEPLOY_COMPOSE  := deploy/compose/compose.yaml $(if $(filter 1 yes true,$(PROD)),deploy/compose/compose.prod.yaml)
DEPLOY_RUN       = TELEMED_ENV_FILE="$(DEPLOY_ENV_FILE)" TELEMED_COMPOSE_FILES="$(DEPLOY_COMPOSE)"

.PHONY: setup deploy deploy-down deploy-logs deploy-ps backup restore deploy-check

setup: ## Generate .env (random secrets, existing ones kept) and a self-signed TLS certificate for nginx
	@$(DEPLOY_RUN) $(DEPLOY_SCRIPTS)/setup.sh

deploy: ## Build jars and images, start the Compose stack behind nginx/TLS (PROD=1: 3 backend, 2 web replicas)
	@$(DEPLOY_RUN) $(DEPLOY_SCRIPTS)/compose.sh check
	@$(MAKE) --no-print-directory build-java build-web
	@$(DEPLOY_RUN) $(DEPLOY_SCRIPTS)/compose.sh up

deploy-down: ## Stop the Compose stack (database, Kafka and metrics volumes are kept)
	@$(DEPLOY_RUN) $(DEPLOY_SCRIPTS)/compose.sh down

deploy-logs: ## Follow the Compose stack's logs (SERVICE=gateway for one component)
	@$(DEPLOY_RUN) $(DEPLOY_SCRIPTS)/compose.sh logs $(SERVICE)

deploy-ps: ## Status of the Compose stack's containers
	@$(DEPLOY_RUN) $(DEPLOY_SCRIPTS)/compose.sh ps

backup: ## Encrypted database backup into backups/ (BACKUP_FROM=local: the make dev database)
	@$(DEPLOY_RUN) BACKUP_FROM="$(BACKUP_FROM)" BACKUP_KEEP="$(BACKUP_KEEP)" $(DEPLOY_SCRIPTS)/backup.sh

restore: ## Restore a backup: make restore FILE=backups/db_backup_<stamp>.sql.gz.enc CONFIRM=yes
	@$(DEPLOY_RUN) BACKUP_FROM="$(BACKUP_FROM)" FILE="$(FILE)" CONFIRM="$(CONFIRM)" $(DEPLOY_SCRIPTS)/restore.sh

deploy-check: ## Validate the deployment files (kustomize builds, YAML, dashboards, alert rules)
	@$(DEPLOY_SCRIPTS)/validate.sh
