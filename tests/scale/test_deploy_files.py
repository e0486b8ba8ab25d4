"""The deployment files (deploy/) describe the topology `make scale` runs, consistently.

No Docker daemon or cluster here: the files are parsed and cross-checked the way `docker compose config`
and `kubectl apply --dry-run` would (interpolation, references, ports, variables), validated by the tools
made for it (check-jsonschema's built-in compose-spec schema, kubernetes-validate in strict mode, in a
virtual environment of their own: tests/scale/deploy_tools.py), and the nginx configuration they mount is
checked by nginx itself. tests/scale/test_dockerfile.py replays the image's build and runs its commands.
"""
import json
import re
import shutil
import subprocess
import time
from urllib.parse import urlsplit

import pytest
import yaml

from scripts import local_services
from tests.scale.deploy_tools import TIMES

DEPLOY = local_services.ROOT / "deploy"
ROOT = local_services.ROOT
SECRETS = {"POSTGRES_PASSWORD": "pg-secret", "REDIS_PASSWORD": "redis-secret", "WEB_SENDER_SECRET": "w" * 32}
READY = "/webhooks/web/ready"  # the web channel's readiness route (connectors/web.py)
CHANNEL_VARS = set(re.findall(r"\$\{([A-Z_]+)\}",
                              yaml.dump(yaml.safe_load((ROOT / "credentials.channels.yml").read_text()))))
_VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def interpolate(value, env):
    """Compose's variable substitution: ${VAR}, ${VAR:-default}, ${VAR:?error}, $$."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def one(m):
        if m.group(0) == "$$":
            return "$"
        name, op, arg = m.group(1), m.group(2), m.group(3)
        got = env.get(name, "")
        if op and op.endswith("?") and not got:
            raise KeyError(f"{name}: {arg}")
        if op and op.endswith("-") and not got:
            return arg
        return got

    return _VAR.sub(one, value)


def compose(env=SECRETS):
    raw = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    return interpolate(raw, env), raw


def nginx_conf():
    return (DEPLOY / "nginx.cluster.conf").read_text()


def upstream_servers(conf, name):
    block = re.search(r"upstream %s \{(.*?)\}" % name, conf, re.S).group(1)
    return re.findall(r"^\s*server (\S+)", block, re.M)


def listens(conf):
    return re.findall(r"^\s*listen (\d+);", conf, re.M)


def test_the_cluster_nginx_configuration_is_the_template_rendered_and_nginx_accepts_it(tmp_path):
    conf = nginx_conf()
    assert conf.split("\n", 1)[1] == local_services.render_cluster_nginx(), \
        "deploy/nginx.cluster.conf is stale: run `.venv/bin/python -m scripts.local_services`"
    assert upstream_servers(conf, "rasa_servers") == ["rasa:5005"]
    assert upstream_servers(conf, "action_servers") == ["actions:5055"]
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    local = (conf.replace("user nginx;", "").replace("/var/cache/nginx", str(tmp_path))
             .replace("rasa:5005", "127.0.0.1:5005").replace("actions:5055", "127.0.0.1:5055")
             .replace("/dev/stdout", str(tmp_path / "access.log")).replace("/dev/stderr", str(tmp_path / "e.log")))
    (tmp_path / "nginx.conf").write_text(local)
    done = subprocess.run([nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                           "-e", str(tmp_path / "e.log")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_compose_refuses_to_start_without_the_secrets_and_holds_none():
    for missing in SECRETS:
        with pytest.raises(KeyError, match=missing):
            compose(env={k: v for k, v in SECRETS.items() if k != missing})
    text = (DEPLOY / "docker-compose.yml").read_text()
    for url in re.findall(r"(?:postgresql|redis)://\S+", text):
        password = urlsplit(url.replace("${", "{").replace("}", "")).password
        assert password is None or password.startswith("{"), f"a literal password in {url}"


def test_compose_services_reference_each_other_consistently():
    cfg, _raw = compose()
    services = cfg["services"]
    assert set(services) == {"postgres", "redis", "rasa", "actions", "nginx"}
    for name, svc in services.items():
        for dep in svc.get("depends_on", {}):
            assert dep in services, f"{name} depends on unknown {dep}"
        assert "image" in svc and svc.get("restart") == "unless-stopped"
    assert services["rasa"]["image"] == services["actions"]["image"]
    assert services["rasa"]["deploy"]["replicas"] == 2 and services["actions"]["deploy"]["replicas"] == 2

    conf = nginx_conf()
    rasa_cmd, actions_cmd = " ".join(services["rasa"]["command"]), " ".join(services["actions"]["command"])
    # nginx's upstreams are the services, on the ports they listen on.
    assert "--port 5005" in rasa_cmd and "5005" in services["rasa"]["expose"]
    assert "--port 5055" in actions_cmd and "5055" in services["actions"]["expose"]
    assert sorted(listens(conf)) == ["8080", "8081"]
    assert services["nginx"]["ports"] == ["8080:8080"] and services["nginx"]["expose"] == ["8081"]
    assert services["nginx"]["volumes"] == ["./nginx.cluster.conf:/etc/nginx/nginx.conf:ro"]

    env = services["rasa"]["environment"]
    # Everything deploy/endpoints.yml needs is set, and points at the right services.
    needed = set(re.findall(r"\$\{([A-Z_]+)\}", (DEPLOY / "endpoints.yml").read_text()))
    assert needed == {"ACTION_ENDPOINT_URL", "TRACKER_STORE_URL", "REDIS_URL"} and needed <= set(env)
    assert "--endpoints deploy/endpoints.yml" in rasa_cmd and "models/assistant.tar.gz" in rasa_cmd
    # No Rasa HTTP API: the health check asks the web channel's readiness route.
    assert "--enable-api" not in rasa_cmd and "--auth-token" not in rasa_cmd and "RASA_AUTH_TOKEN" not in env
    assert f"http://127.0.0.1:5005{READY}" in services["rasa"]["healthcheck"]["test"][-1]
    assert env["SANIC_PROXIES_COUNT"] == "1"  # behind nginx, which sets the one X-Forwarded-For entry
    action = urlsplit(env["ACTION_ENDPOINT_URL"])
    assert (action.hostname, str(action.port), action.path) == ("nginx", "8081", "/webhook")
    db = urlsplit(env["TRACKER_STORE_URL"])
    pg = services["postgres"]["environment"]
    assert (db.hostname, db.port, db.path, db.username, db.password) == \
        ("postgres", 5432, "/" + pg["POSTGRES_DB"], pg["POSTGRES_USER"], pg["POSTGRES_PASSWORD"])
    red = urlsplit(env["REDIS_URL"])
    assert (red.hostname, red.port, red.password) == ("redis", 6379, SECRETS["REDIS_PASSWORD"])
    # Redis's password comes from its environment, not its command line (`ps` shows those).
    assert services["redis"]["environment"]["REDIS_PASSWORD"] == SECRETS["REDIS_PASSWORD"]
    assert SECRETS["REDIS_PASSWORD"] not in " ".join(services["redis"]["command"])
    assert "requirepass" in services["redis"]["command"][-1]
    # The image's containers: non-root, read-only, no capabilities, a writable /tmp.
    for name in ("rasa", "actions"):
        svc = services[name]
        assert svc["user"] == "1001" and svc["read_only"] is True and svc["cap_drop"] == ["ALL"]
        assert svc["tmpfs"] == ["/tmp"] and "no-new-privileges:true" in svc["security_opt"]
    # Networks: only nginx is published; the databases are on an internal network with the Rasa servers only.
    on = {name: set(svc["networks"]) for name, svc in services.items()}
    assert [name for name, svc in services.items() if svc.get("ports")] == ["nginx"]
    assert {name for name, nets in on.items() if "data" in nets} == {"rasa", "postgres", "redis"}
    assert cfg["networks"]["data"]["internal"] is True
    assert "data" not in on["actions"] and "data" not in on["nginx"]
    # The live channels' variables reach the Rasa servers (empty ones leave the channel out).
    assert CHANNEL_VARS and CHANNEL_VARS <= set(env)


def _k8s():
    docs = [d for d in yaml.safe_load_all((DEPLOY / "k8s.yaml").read_text()) if d]
    return {(d["kind"], d["metadata"]["name"]): d for d in docs}


def _containers(workload):
    return workload["spec"]["template"]["spec"]["containers"]


def test_kubernetes_manifests_reference_each_other_consistently():
    objs = _k8s()
    kust = yaml.safe_load((DEPLOY / "kustomization.yaml").read_text())
    assert kust["resources"] == ["k8s.yaml"]
    for gen in kust["configMapGenerator"]:
        for f in gen["files"]:
            assert (DEPLOY / f.split("=")[-1]).exists()
    workloads = {name: o for (kind, name), o in objs.items() if kind in ("Deployment", "StatefulSet")}
    services = {name: o for (kind, name), o in objs.items() if kind == "Service"}
    assert set(workloads) == {"postgres", "redis", "rasa", "actions", "nginx"}
    for name, w in workloads.items():
        labels = w["spec"]["template"]["metadata"]["labels"]
        assert w["spec"]["selector"]["matchLabels"].items() <= labels.items(), name
    for name, svc in services.items():
        target = [w for w in workloads.values()
                  if svc["spec"]["selector"].items() <= w["spec"]["template"]["metadata"]["labels"].items()]
        assert len(target) == 1, f"Service {name} selects {len(target)} workloads"
        ports = {p["containerPort"] for c in _containers(target[0]) for p in c.get("ports", [])}
        for p in svc["spec"]["ports"]:
            assert p["targetPort"] in ports, f"Service {name} targets a port no container opens"
    assert workloads["rasa"]["spec"]["replicas"] == 2 and workloads["actions"]["spec"]["replicas"] == 2

    # nginx's upstreams are Services on their ports; its configuration is the generated ConfigMap.
    def service_port(name):
        return services[name]["spec"]["ports"][0]["port"]

    conf = nginx_conf()
    for addr in upstream_servers(conf, "rasa_servers") + upstream_servers(conf, "action_servers"):
        host, port = addr.split(":")
        assert service_port(host) == int(port)
    nginx_ports = {p["containerPort"] for p in _containers(workloads["nginx"])[0]["ports"]}
    assert {str(p) for p in nginx_ports} == set(listens(conf))
    volume = workloads["nginx"]["spec"]["template"]["spec"]["volumes"][0]
    assert volume["configMap"]["name"] == kust["configMapGenerator"][0]["name"]

    rasa = _containers(workloads["rasa"])[0]
    env = {e["name"]: e for e in rasa["env"]}
    needed = set(re.findall(r"\$\{([A-Z_]+)\}", (DEPLOY / "endpoints.yml").read_text()))
    assert needed <= set(env)
    action = urlsplit(env["ACTION_ENDPOINT_URL"]["value"])
    assert action.path == "/webhook" and service_port(action.hostname) == action.port
    assert action.hostname == "actions"  # the Service spreads the calls; only the Rasa servers may reach it
    # Secrets only by reference; the Secret's keys are the ones the set-up instructions create.
    documented = set(re.findall(r"--from-literal=([A-Z_]+)=", (DEPLOY / "kustomization.yaml").read_text()))
    jobs = [o["spec"]["jobTemplate"] for (kind, _), o in objs.items() if kind == "CronJob"]
    for w in list(workloads.values()) + jobs:
        for c in _containers(w):
            for e in c.get("env", []):
                if "valueFrom" in e:
                    ref = e["valueFrom"]["secretKeyRef"]
                    assert ref["name"] == "express-entry" and ref["key"] in documented
                else:
                    assert not re.search(r"PASSWORD|TOKEN|SECRET|_URL$", e["name"]) or e["name"] == \
                        "ACTION_ENDPOINT_URL", f"{e['name']} given as a literal"
    assert "memory" in rasa["resources"]["requests"]
    # Probes ask the web channel's readiness route (a server without a model is not ready); no HTTP API.
    assert "--enable-api" not in rasa["args"][-1] and "RASA_AUTH_TOKEN" not in env
    for probe in ("startupProbe", "readinessProbe"):
        assert rasa[probe]["httpGet"] == {"path": READY, "port": 5005}
    assert env["SANIC_PROXIES_COUNT"]["value"] == "1"


def _policies():
    return [o for (kind, _), o in _k8s().items() if kind == "NetworkPolicy"]


def _selects(selector, labels):
    return selector.get("matchLabels", {}).items() <= labels.items()


def may_reach(source, target):
    """The ports of pods labelled app=target that pods labelled app=source may open, by the NetworkPolicies
    (None: any port). A pod that some policy selects takes only what the policies selecting it allow."""
    src, dst = {"app": source}, {"app": target}
    selecting = [p for p in _policies() if _selects(p["spec"]["podSelector"], dst)
                 and "Ingress" in p["spec"]["policyTypes"]]
    if not selecting:
        return None
    ports = set()
    for policy in selecting:
        for rule in policy["spec"].get("ingress", []):
            sources = rule.get("from")
            if sources is None or any(_selects(peer.get("podSelector", {}), src) for peer in sources):
                ports |= {p["port"] for p in rule.get("ports", [])}
    return ports


def test_network_policies_only_nginx_reaches_rasa_only_rasa_reaches_the_actions():
    apps = ("nginx", "rasa", "actions", "postgres", "redis", "retention", "anyone-else")
    allowed = {(s, t): may_reach(s, t) for s in apps for t in apps if s != t}
    assert all(ports is not None for ports in allowed.values())  # a default deny selects every pod
    assert {s for (s, t), ports in allowed.items() if t == "rasa" and ports} == {"nginx"}
    assert allowed[("nginx", "rasa")] == {5005}
    assert {s for (s, t), ports in allowed.items() if t == "actions" and ports} == {"rasa"}
    assert allowed[("rasa", "actions")] == {5055}
    for store, port in (("postgres", 5432), ("redis", 6379)):
        assert {s for (s, t), ports in allowed.items() if t == store and ports} == {"rasa", "retention"}
        assert allowed[("rasa", store)] == {port}
    assert allowed[("anyone-else", "nginx")] == {8080}  # the public port, from anywhere


def test_every_container_runs_non_root_read_only_without_capabilities():
    objs = _k8s()
    pods = [o["spec"]["template"]["spec"] for (kind, _), o in objs.items() if kind in ("Deployment", "StatefulSet")]
    pods += [o["spec"]["jobTemplate"]["spec"]["template"]["spec"] for (kind, _), o in objs.items()
             if kind == "CronJob"]
    assert len(pods) == 6
    for pod in pods:
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] > 0
        for c in pod["containers"]:
            sc = c["securityContext"]
            assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False, c["name"]
            assert sc["capabilities"] == {"drop": ["ALL"]}, c["name"]


def test_compose_and_kubernetes_files_pass_their_schemas(deploy_tools):
    """check-jsonschema's built-in compose-spec schema and kubernetes-validate in strict mode (it rejects
    properties a Kubernetes version does not know)."""
    start = time.monotonic()
    compose_check = deploy_tools.run("check-jsonschema", "--builtin-schema", "vendor.compose-spec",
                                     str(DEPLOY / "docker-compose.yml"))
    assert compose_check.returncode == 0, compose_check.stdout + compose_check.stderr
    k8s_check = deploy_tools.run("kubernetes-validate", "--strict", "--quiet", str(DEPLOY / "k8s.yaml"))
    assert k8s_check.returncode == 0, k8s_check.stdout + k8s_check.stderr
    TIMES["schema checks: check-jsonschema and kubernetes-validate"] = time.monotonic() - start
    # and they do reject a wrong file
    bad = DEPLOY.parent / "build" / "bad-k8s.yaml"
    bad.parent.mkdir(exist_ok=True)
    bad.write_text((DEPLOY / "k8s.yaml").read_text().replace("readOnlyRootFilesystem", "readOnlyRootFileSystem", 1))
    assert deploy_tools.run("kubernetes-validate", "--strict", "--quiet", str(bad)).returncode != 0


def test_the_image_copies_what_exists_and_runs_what_compose_and_kubernetes_run():
    text = (DEPLOY / "Dockerfile").read_text()
    built = {"models/assistant.tar.gz", "web/dist"}  # made by `make train` and `make web` before the build
    for line in re.findall(r"^COPY (.+)$", text, re.M):
        for src in line.split()[:-1]:
            assert src in built or (ROOT / src).exists(), f"COPY {src}: not in the repository"
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))
    assert cmd[:2] == ["sh", "-c"]
    cmd = cmd[-1]
    assert "--enable-api" not in cmd
    assert re.search(r"^ENV .*SANIC_HOST=0\.0\.0\.0", text, re.M | re.S)  # the action server, reachable in its container
    assert '".[assistant]"' in text  # the image has Rasa
    cfg, _ = compose()
    assert cfg["services"]["rasa"]["command"][-1] == cmd
    k8s_rasa = _containers(_k8s()[("Deployment", "rasa")])[0]
    assert k8s_rasa["args"][-1] == cmd
