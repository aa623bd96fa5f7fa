#!/usr/bin/env bash
# Validate the deployment files without a Docker engine or a cluster (`make deploy-check`):
#   - shell scripts parse (bash -n; shellcheck when installed)
#   - every YAML file under deploy/compose, deploy/observability, deploy/k8s parses; dashboards are valid JSON
#   - kustomize builds: base, overlays/local, overlays/production, production + components/jitsi
#   - policy checks on the rendered manifests (non-root, read-only root FS, probes, resources, secrets, ...)
#   - Compose checks: published ports, every required variable is produced by `make setup`
#   - Kafka credentials: every service signs in as itself (compose and k8s), the ACL script knows every service,
#     the setup containers get every password
#   - when installed: promtool (rules, rule unit tests, config), `docker compose config`
# Exits non-zero when any check fails. Needs python3 with PyYAML and kubectl.
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$TELEMED_ROOT"

failures=0
pass() { printf '  PASS  %s\n' "$1"; }
fail() { printf '  FAIL  %s\n' "$1"; failures=$((failures + 1)); }
skip() { printf '  SKIP  %s\n' "$1"; }
# check NAME COMMAND...: run quietly; show the output only when it fails.
check() {
  local name="$1" out; shift
  if out="$("$@" 2>&1)"; then pass "$name"; else fail "$name"; printf '%s\n' "$out" | sed 's/^/        /' | tail -n 40; fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Tools"
command -v python3 >/dev/null 2>&1 || die "python3 is required"
if ! python3 -c 'import yaml' 2>/dev/null; then
  die "PyYAML is missing: install it with  apt-get install -y python3-yaml  (or pip install pyyaml), then run again"
fi
command -v kubectl >/dev/null 2>&1 || die "kubectl is required (kubectl kustomize builds the manifests offline)"
pass "python3 + PyYAML, kubectl ($(kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: //p' | sed 's/^/kustomize /'))"

echo "Shell scripts"
scripts=(deploy/scripts/*.sh deploy/k8s/base/postgres/initdb-telemed.sh deploy/k8s/base/kafka/kafka-acls.sh)
for f in "${scripts[@]}"; do check "bash -n $f" bash -n "$f"; done
if command -v shellcheck >/dev/null 2>&1; then
  check "shellcheck" shellcheck -x -S warning "${scripts[@]}"
else
  skip "shellcheck (not installed)"
fi

echo "YAML and JSON"
check "every YAML file parses" python3 - <<'PY'
import glob, sys, yaml
bad = 0; n = 0
for root in ("deploy/compose", "deploy/observability", "deploy/k8s"):
    for f in sorted(glob.glob(root + "/**/*.y*ml", recursive=True)):
        n += 1
        try:
            list(yaml.safe_load_all(open(f)))
        except Exception as e:
            bad += 1; print(f"{f}: {e}")
if n == 0: print("no YAML files found"); sys.exit(1)
sys.exit(1 if bad else 0)
PY
for f in deploy/observability/grafana/dashboards/*.json; do
  check "json.tool $f" python3 -m json.tool "$f"
done
check "dashboards: unique uids, every panel on the \${datasource} variable" python3 - <<'PY'
import glob, json, sys
uids, errors = set(), []
for f in sorted(glob.glob("deploy/observability/grafana/dashboards/*.json")):
    d = json.load(open(f))
    if d.get("uid") in uids: errors.append(f"{f}: duplicate uid {d.get('uid')}")
    uids.add(d.get("uid"))
    for p in d.get("panels", []):
        if p.get("type") == "row": continue
        if p.get("datasource", {}).get("uid") != "${datasource}": errors.append(f"{f}: panel {p.get('title')} has no datasource variable")
        if not p.get("targets"): errors.append(f"{f}: panel {p.get('title')} has no query")
print("\n".join(errors)); sys.exit(1 if errors else 0)
PY

echo "Kubernetes (kustomize)"
for target in base overlays/local overlays/production; do
  check "kubectl kustomize deploy/k8s/$target" sh -c "kubectl kustomize deploy/k8s/$target > '$work/$(basename "$target").yaml'"
done
mkdir -p "$work/jitsi"
rel="$(python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$TELEMED_ROOT/deploy/k8s" "$work/jitsi")"
cat > "$work/jitsi/kustomization.yaml" <<KUST
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $rel/overlays/production
components:
  - $rel/components/jitsi
KUST
check "kubectl kustomize overlays/production + components/jitsi" sh -c "kubectl kustomize '$work/jitsi' > '$work/jitsi.yaml'"

# A .env as `make setup` writes it (temporary, with its own certificate directory).
TELEMED_ENV_FILE="$work/env" TELEMED_CERTS_DIR="$work/certs" deploy/scripts/setup.sh > "$work/setup.log" 2>&1 \
  && pass "make setup into a temporary .env" || fail "make setup into a temporary .env"
deploy/scripts/k8s-secret.sh "$work/env" > "$work/secret.yaml" 2> "$work/secret.err" \
  && pass "k8s-secret.sh renders telemed-secrets from that .env" || { fail "k8s-secret.sh"; cat "$work/secret.err"; }

check "policy: hardening, probes, resources, service accounts, secrets" python3 - "$work" <<'PY'
import sys, yaml
work = sys.argv[1]
errors = []
def load(name):
    return [d for d in yaml.safe_load_all(open(f"{work}/{name}.yaml")) if d]
generated = load("secret")[0]
generated_keys = set(generated.get("data", {}))
template_keys = set()
for d in load("base"):
    if d["kind"] == "Secret" and d["metadata"]["name"] == "telemed-secrets":
        template_keys = set(d.get("stringData", {}))
if not template_keys: errors.append("base: no telemed-secrets template")
if generated_keys != template_keys:
    errors.append(f"k8s-secret.sh keys differ from the base template: {sorted(generated_keys ^ template_keys)}")

WRITABLE_ROOT = {"kafka"}                      # its image writes its configuration at start
THIRD_PARTY_ROOT = {"jitsi"}                   # docker-jitsi-meet: root init system, see its README
for overlay in ("local", "production", "jitsi"):
    docs = load(overlay)
    kinds = {(d["kind"], d["metadata"]["name"]) for d in docs}
    sas = {d["metadata"]["name"]: d for d in docs if d["kind"] == "ServiceAccount"}
    for d in docs:
        if d["kind"] not in ("Deployment", "StatefulSet"): continue
        name = d["metadata"]["name"]; where = f"{overlay}/{d['kind']}/{name}"
        spec = d["spec"]["template"]["spec"]
        if spec.get("automountServiceAccountToken") is not False: errors.append(f"{where}: automountServiceAccountToken must be false")
        sa = spec.get("serviceAccountName")
        if sa not in sas: errors.append(f"{where}: missing ServiceAccount {sa}")
        elif sas[sa].get("automountServiceAccountToken") is not False: errors.append(f"{where}: ServiceAccount {sa} automounts its token")
        if spec.get("enableServiceLinks") is not False: errors.append(f"{where}: enableServiceLinks must be false")
        if d["kind"] == "Deployment":
            if ("Service", name) not in kinds and name != "jitsi": errors.append(f"{where}: no Service")
            if overlay != "jitsi" or name != "jitsi":
                if ("PodDisruptionBudget", name) not in kinds: errors.append(f"{where}: no PodDisruptionBudget")
        if name in THIRD_PARTY_ROOT: continue
        psc = spec.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True: errors.append(f"{where}: runAsNonRoot")
        if not isinstance(psc.get("runAsUser"), int) or psc["runAsUser"] == 0: errors.append(f"{where}: numeric non-root runAsUser")
        if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault": errors.append(f"{where}: seccomp RuntimeDefault")
        mounts_tmp = False
        for c in spec["containers"]:
            cw = f"{where}/{c['name']}"
            sc = c.get("securityContext", {})
            if sc.get("allowPrivilegeEscalation") is not False: errors.append(f"{cw}: allowPrivilegeEscalation false")
            if sc.get("capabilities", {}).get("drop") != ["ALL"]: errors.append(f"{cw}: drop ALL capabilities")
            if sc.get("readOnlyRootFilesystem") is not True and name not in WRITABLE_ROOT: errors.append(f"{cw}: readOnlyRootFilesystem")
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                if probe not in c: errors.append(f"{cw}: no {probe}")
            r = c.get("resources", {})
            if "memory" not in r.get("limits", {}) or "memory" not in r.get("requests", {}) or "cpu" not in r.get("requests", {}):
                errors.append(f"{cw}: requests (cpu, memory) and a memory limit")
            if any(m["mountPath"] == "/tmp" for m in c.get("volumeMounts", [])): mounts_tmp = True
            image = c["image"]
            if overlay == "production" and (image.endswith(":latest") or ":" not in image.split("/")[-1]):
                errors.append(f"{cw}: production image without a fixed tag: {image}")
            http = c.get("readinessProbe", {}).get("httpGet", {}).get("path", "")
            if d["metadata"]["labels"].get("app.kubernetes.io/component") in ("service", "gateway"):
                if http != "/actuator/health/readiness": errors.append(f"{cw}: readiness must be /actuator/health/readiness")
                if c.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/actuator/health/liveness":
                    errors.append(f"{cw}: liveness must be /actuator/health/liveness")
                # Management (actuator, metrics) on its own port, http + 1000, which the probes and Prometheus use.
                ports = {p.get("name"): p.get("containerPort") for p in c.get("ports", [])}
                if ports.get("management") != (ports.get("http") or 0) + 1000:
                    errors.append(f"{cw}: a `management` port = http + 1000")
                for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                    if c.get(probe, {}).get("httpGet", {}).get("port") != "management":
                        errors.append(f"{cw}: {probe} on the management port")
                annotations = d["spec"]["template"]["metadata"].get("annotations", {}).get("prometheus.io/port")
                if annotations != str(ports.get("management")):
                    errors.append(f"{cw}: prometheus.io/port must be the management port")
            for e in c.get("env", []):
                ref = e.get("valueFrom", {}).get("secretKeyRef")
                if ref and ref["name"] == "telemed-secrets" and ref["key"] not in template_keys:
                    errors.append(f"{cw}: secret key {ref['key']} is not in telemed-secrets")
        if name not in WRITABLE_ROOT and not mounts_tmp and d["kind"] == "Deployment":
            errors.append(f"{where}: read-only root filesystem without a writable /tmp")
    if overlay == "production" and ("Secret", "telemed-secrets") in kinds:
        errors.append("production: must not ship the template Secret")
    for d in docs:
        if d["kind"] == "HorizontalPodAutoscaler":
            if overlay == "local": errors.append("local: no autoscalers expected")
    if overlay in ("production",):
        hpas = {d["metadata"]["name"] for d in docs if d["kind"] == "HorizontalPodAutoscaler"}
        if hpas != {"gateway", "booking-service", "payment-service"}: errors.append(f"production: autoscalers {sorted(hpas)}")
        for d in docs:
            if d["kind"] == "Deployment" and d["metadata"]["name"] in hpas and "replicas" in d["spec"]:
                errors.append(f"production: {d['metadata']['name']} sets replicas although an autoscaler manages it")
    netpols = {d["metadata"]["name"] for d in docs if d["kind"] == "NetworkPolicy"}
    if "default-deny-all" not in netpols: errors.append(f"{overlay}: no default-deny NetworkPolicy")
print("\n".join(errors)); sys.exit(1 if errors else 0)
PY

echo "Docker Compose"
check "compose: published ports, required variables produced by make setup" python3 - "$work/env" <<'PY'
import re, sys, yaml
env = {}
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if not line or line.lstrip().startswith("#") or "=" not in line: continue
    k, v = line.split("=", 1)
    env[k.strip()] = v.strip().strip("'\"")
errors = []
for f in ("deploy/compose/compose.yaml", "deploy/compose/compose.prod.yaml"):
    text = open(f).read()
    for var in sorted(set(re.findall(r"\$\{([A-Z0-9_]+):\?", text))):
        if not env.get(var): errors.append(f"{f}: ${{{var}}} is required but make setup does not set it")
c = yaml.safe_load(open("deploy/compose/compose.yaml"))
allowed = {"nginx", "grafana"}
for name, s in c["services"].items():
    if s.get("ports") and name not in allowed and "jitsi" not in s.get("profiles", []):
        errors.append(f"{name}: publishes ports (only nginx, grafana and the jitsi profile may)")
    if "jitsi" in s.get("profiles", []): continue
    if "no-new-privileges:true" not in s.get("security_opt", []): errors.append(f"{name}: no-new-privileges")
    one_shot = s.get("restart") == "no"
    if not s.get("healthcheck") and name not in ("prometheus", "blackbox", "grafana") and not one_shot:
        errors.append(f"{name}: no healthcheck")
    if not s.get("logging"): errors.append(f"{name}: no log rotation")
for name in ("auth-service", "booking-service", "payment-service", "video-service", "clinical-service",
             "notification-service", "pdf-service", "gateway", "web"):
    s = c["services"][name]
    if not s.get("read_only"): errors.append(f"{name}: read_only root filesystem")
    if "ALL" not in s.get("cap_drop", []): errors.append(f"{name}: cap_drop ALL")
p = yaml.safe_load(open("deploy/compose/compose.prod.yaml"))
for name in p["services"]:
    if name not in c["services"]: errors.append(f"compose.prod.yaml: unknown service {name}")
# Keys of the Compose Specification (catches typos that `docker compose config` would reject).
SERVICE_KEYS = set("""annotations attach build blkio_config cap_add cap_drop cgroup cgroup_parent command configs
  container_name cpu_count cpu_percent cpu_shares cpu_quota cpu_period cpu_rt_period cpu_rt_runtime cpus cpuset
  credential_spec depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname entrypoint
  env_file label_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname
  image init ipc isolation labels links logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit
  models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports post_start pre_stop
  privileged profiles provider pull_policy pull_refresh_after read_only restart runtime scale secrets security_opt
  shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user uts
  volumes volumes_from working_dir""".split())
HEALTH_KEYS = {"test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"}
DEPLOY_KEYS = {"mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources",
               "restart_policy", "placement"}
BUILD_KEYS = {"context", "dockerfile", "args", "target", "labels", "cache_from", "cache_to", "network", "pull",
              "shm_size", "ssh", "secrets", "tags", "platforms", "additional_contexts", "no_cache"}
for f, doc in (("compose.yaml", c), ("compose.prod.yaml", p)):
    for k in doc:
        if k not in ("name", "services", "networks", "volumes", "secrets", "configs") and not k.startswith("x-"):
            errors.append(f"{f}: unknown top-level key {k}")
    for name, s in doc["services"].items():
        for k in s:
            if k not in SERVICE_KEYS: errors.append(f"{f}: {name}: unknown key {k}")
        for k in s.get("healthcheck", {}):
            if k not in HEALTH_KEYS: errors.append(f"{f}: {name}: unknown healthcheck key {k}")
        for k in s.get("deploy", {}):
            if k not in DEPLOY_KEYS: errors.append(f"{f}: {name}: unknown deploy key {k}")
        for k in (s.get("deploy", {}).get("resources") or {}):
            if k not in ("limits", "reservations"): errors.append(f"{f}: {name}: unknown resources key {k}")
        if isinstance(s.get("build"), dict):
            for k in s["build"]:
                if k not in BUILD_KEYS: errors.append(f"{f}: {name}: unknown build key {k}")
        for dep, cond in (s.get("depends_on") or {}).items() if isinstance(s.get("depends_on"), dict) else []:
            if dep not in c["services"]: errors.append(f"{f}: {name}: depends on unknown service {dep}")
            if cond.get("condition") == "service_healthy" and not c["services"][dep].get("healthcheck"):
                errors.append(f"{f}: {name}: waits for {dep} to be healthy but {dep} has no healthcheck")
        for net in (s.get("networks") or []):
            if net not in (c.get("networks") or {}): errors.append(f"{f}: {name}: unknown network {net}")
        for v in s.get("volumes", []):
            src = v.split(":")[0] if isinstance(v, str) else v.get("source", "")
            if src.startswith("."):
                import os
                if not os.path.exists(os.path.join("deploy/compose", src)): errors.append(f"{f}: {name}: missing {src}")
            elif src and src not in (c.get("volumes") or {}): errors.append(f"{f}: {name}: unknown volume {src}")
print("\n".join(errors)); sys.exit(1 if errors else 0)
PY
if docker compose version >/dev/null 2>&1; then
  check "docker compose config (compose.yaml)" docker compose --env-file "$work/env" -f deploy/compose/compose.yaml config -q
  check "docker compose config (+ compose.prod.yaml)" docker compose --env-file "$work/env" -f deploy/compose/compose.yaml -f deploy/compose/compose.prod.yaml config -q
  check "docker compose config (--profile jitsi)" docker compose --env-file "$work/env" -f deploy/compose/compose.yaml --profile jitsi config -q
else
  skip "docker compose config (no docker compose plugin here; the files were parsed as YAML above)"
fi

echo "Kafka credentials"
check "every service signs in to Kafka as itself; the ACL table and the setup containers cover them all; the web gets the CAPTCHA settings" python3 - "$work" "${TELEMED_SERVICES[@]}" <<'PY'
import subprocess, sys, yaml
work, services = sys.argv[1], sys.argv[2:]
errors = []
variable = lambda svc: svc.removesuffix("-service").upper() + "_KAFKA_PASSWORD"
acl = lambda *args: subprocess.run(["bash", "deploy/k8s/base/kafka/kafka-acls.sh", *args], capture_output=True, text=True, check=True).stdout.split()
users = acl("users")
if sorted(users) != sorted(services): errors.append(f"kafka-acls.sh users {sorted(users)} != services {sorted(services)}")
for user in users:
    if acl("password-variable", user) != [variable(user)]: errors.append(f"kafka-acls.sh reads {user}'s password from {acl('password-variable', user)}")
# Compose: SASL for every Java service, its own user and password; kafka-init gets every password.
c = yaml.safe_load(open("deploy/compose/compose.yaml"))
for name in services:
    env = c["services"][name].get("environment", {})
    if not str(env.get("KAFKA_SECURITY_PROTOCOL", "")).startswith("${KAFKA_SECURITY_PROTOCOL:-SASL_"):
        errors.append(f"compose {name}: KAFKA_SECURITY_PROTOCOL must default to SASL_*")
    if env.get("KAFKA_USERNAME") != name: errors.append(f"compose {name}: KAFKA_USERNAME must be {name}")
    if env.get("KAFKA_PASSWORD") != "${%s:?run make setup}" % variable(name):
        errors.append(f"compose {name}: KAFKA_PASSWORD must be ${{{variable(name)}:?run make setup}}")
    deps = c["services"][name].get("depends_on", {})
    if deps.get("kafka-init", {}).get("condition") != "service_completed_successfully":
        errors.append(f"compose {name}: must wait for kafka-init")
init = c["services"].get("kafka-init", {}).get("environment", {})
for name in services + ["kafka-admin"]:
    var = "KAFKA_ADMIN_PASSWORD" if name == "kafka-admin" else variable(name)
    if not str(init.get(var, "")).startswith("${%s:?" % var): errors.append(f"compose kafka-init: no {var}")
broker = c["services"]["kafka"]["environment"]
if "SASL_PLAINTEXT" not in broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "") or "StandardAuthorizer" not in broker.get("KAFKA_AUTHORIZER_CLASS_NAME", ""):
    errors.append("compose kafka: SASL listener and StandardAuthorizer expected")
# Kubernetes: the same in every overlay; the Job kafka-setup gets every password.
for overlay in ("local", "production"):
    docs = [d for d in yaml.safe_load_all(open(f"{work}/{overlay}.yaml")) if d]
    config = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "telemed-config")
    if not config["data"].get("KAFKA_SECURITY_PROTOCOL", "").startswith("SASL_"):
        errors.append(f"{overlay}: telemed-config KAFKA_SECURITY_PROTOCOL must be SASL_*")
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for name in services:
        if name not in deployments: errors.append(f"{overlay}: no Deployment {name}"); continue
        env = {e["name"]: e for e in deployments[name]["spec"]["template"]["spec"]["containers"][0].get("env", [])}
        if env.get("KAFKA_USERNAME", {}).get("value") != name: errors.append(f"{overlay}/{name}: KAFKA_USERNAME must be {name}")
        ref = env.get("KAFKA_PASSWORD", {}).get("valueFrom", {}).get("secretKeyRef", {})
        if ref.get("name") != "telemed-secrets" or ref.get("key") != variable(name) or ref.get("optional"):
            errors.append(f"{overlay}/{name}: KAFKA_PASSWORD must come from telemed-secrets/{variable(name)}")
    web_env = {e["name"] for e in deployments["web"]["spec"]["template"]["spec"]["containers"][0].get("env", [])}
    for var in ("TELEMED_CAPTCHA_PROVIDER", "TELEMED_CAPTCHA_SITE_KEY"):
        if var not in web_env: errors.append(f"{overlay}/web: no {var} (the booking form's CAPTCHA)")
    jobs = [d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "kafka-setup"]
    if not jobs: errors.append(f"{overlay}: no Job kafka-setup"); continue
    job_env = {e["name"]: e for e in jobs[0]["spec"]["template"]["spec"]["containers"][0].get("env", [])}
    for var in ["KAFKA_ADMIN_PASSWORD"] + [variable(n) for n in services]:
        if job_env.get(var, {}).get("valueFrom", {}).get("secretKeyRef", {}).get("key") != var:
            errors.append(f"{overlay}: Job kafka-setup gets no {var}")
print("\n".join(errors)); sys.exit(1 if errors else 0)
PY
check "the ACL table lets every service read exactly the topics its Kafka listeners consume" python3 - "${TELEMED_SERVICES[@]}" <<'PY'
import glob, re, subprocess, sys
services = sys.argv[1:]
constants = dict(re.findall(r'String (\w+) = "([^"]+)"', open("platform/events/src/main/java/com/telemed/events/Topics.java").read()))
bindings = subprocess.run(["bash", "deploy/k8s/base/kafka/kafka-acls.sh", "bindings"], capture_output=True, text=True, check=True).stdout
errors = []
for name in services:
    consumed = set()
    for source in glob.glob(f"{name}/src/main/java/**/*.java", recursive=True):
        for annotation in re.findall(r"@KafkaListener\((.*?)\)\s", open(source).read(), re.S):
            topics = re.search(r"topics\s*=\s*(\{.*?\}|[\w.\"]+)", annotation, re.S).group(1)
            consumed |= {constants[c] for c in re.findall(r"Topics\.(\w+)", topics)}
            consumed |= set(re.findall(r'"(telemed\.[\w.]+)"', topics))
    readable = set(re.findall(rf"^User:{re.escape(name)} Topic LITERAL (\S+) Read$", bindings, re.M))
    if consumed != readable:
        errors.append(f"{name}: listeners consume {sorted(consumed)}, kafka-acls.sh lets it read {sorted(readable)}")
print("\n".join(errors)); sys.exit(1 if errors else 0)
PY

echo "Prometheus"
promtool="${PROMTOOL:-$(command -v promtool || true)}"
if [ -n "$promtool" ]; then
  check "promtool check rules alerts.yml" "$promtool" check rules deploy/observability/alerts.yml
  check "promtool test rules alerts.test.yml" "$promtool" test rules deploy/observability/alerts.test.yml
  sed "s#/etc/prometheus/alerts.yml#$TELEMED_ROOT/deploy/observability/alerts.yml#" deploy/observability/prometheus.yml > "$work/prometheus.yml"
  check "promtool check config prometheus.yml" "$promtool" check config "$work/prometheus.yml"
else
  skip "promtool (not installed; set PROMTOOL=/path/to/promtool): alerts.yml and prometheus.yml parsed as YAML only"
fi

echo "Make"
if command -v make >/dev/null 2>&1; then
  if grep -qE '^[[:space:]]*-?include[[:space:]]+deploy/deploy\.mk' Makefile 2>/dev/null; then mk=(-f Makefile); else mk=(-f Makefile -f deploy/deploy.mk); fi
  check "make help lists the deployment targets" sh -c "make --no-print-directory ${mk[*]} help | grep -q 'make deploy ' && make --no-print-directory ${mk[*]} help | grep -q 'make backup'"
else
  skip "make (not installed)"
fi

echo
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed."
  exit 1
fi
echo "All checks passed."
