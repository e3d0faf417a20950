/**
 * The documented topology on this machine, from the production build: HAProxy (deploy/haproxy.cfg)
 * in front of two identity and two portal instances on one EMPTY PostgreSQL database and Redis,
 * mail to an SMTP server (a sink here), secrets shared by every instance.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSmtpSink } from "@sesame/kit/mail/smtp-sink";
import { freePort } from "@sesame/kit/testing/free-port";
import { ensureTlsMaterial } from "@sesame/kit/tls/certificates";
import { type BuiltProcess, runBuiltCli, spawnBuilt, untilReady } from "./built-process";

export type Service = "identity" | "portal";

export interface Instance {
  readonly service: Service;
  readonly port: number;
  process: BuiltProcess;
}

export interface Deployment {
  /** https://localhost:PORT of each service, through HAProxy. */
  readonly identityUrl: string;
  readonly portalUrl: string;
  readonly ca: string;
  readonly instances: readonly Instance[];
  readonly env: Record<string, string>;
  /** The organization, its user and a daemon application, made with the CLI as an operator would. */
  readonly tenant: string;
  readonly user: { email: string; password: string };
  readonly daemon: { clientId: string; secret: string };
  start(instance: Instance): Promise<void>;
  close(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../..");

export async function startDeployment(options: {
  databaseUrl: string;
  redisUrl: string;
}): Promise<Deployment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sesame-deploy-"));
  // One certificate authority for the instances, made before they start (they would otherwise race
  // to create it); HAProxy presents the same server certificate to clients.
  const tls = await ensureTlsMaterial(dataDir, "localhost");
  const lbCert = path.join(dataDir, "lb.pem");
  fs.writeFileSync(lbCert, `${tls.cert.trim()}\n${tls.key.trim()}\n`, { mode: 0o600 });
  const sink = await startSmtpSink({ port: 0, store: async () => {} });
  const [identityPort, portalPort, ...instancePorts] = await Promise.all(
    Array.from({ length: 6 }, () => freePort()),
  );
  const env: Record<string, string> = {
    SESAME_ENV: "production",
    SESAME_DATA_DIR: dataDir,
    SESAME_PUBLIC_HOST: "localhost",
    SESAME_IDENTITY_PORT: String(identityPort),
    SESAME_PORTAL_PORT: String(portalPort),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    SESAME_SECRET: randomBytes(48).toString("base64"),
    SESAME_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    SESAME_LOG_LEVEL: "warn",
    SESAME_SHUTDOWN_TIMEOUT_SECONDS: "2",
    // HAProxy, on this machine: its X-Forwarded-For names the client for lockout and rate limits.
    SESAME_TRUSTED_PROXIES: "127.0.0.1",
  };
  const instances: Instance[] = (["identity", "identity", "portal", "portal"] as const).map((service, i) => ({
    service,
    port: instancePorts[i] ?? 0,
    process: undefined as unknown as BuiltProcess,
  }));
  const portalEnv: Record<string, string> = {};
  const start = async (instance: Instance) => {
    instance.process = spawnBuilt(instance.service, [], {
      ...env,
      ...(instance.service === "portal" ? portalEnv : {}),
      SESAME_LISTEN_PORT: String(instance.port),
    });
    await untilReady(instance.process, instance.service);
  };

  // Both identity instances at once on the empty database: migrations run once, under a lock.
  await Promise.all(instances.filter((i) => i.service === "identity").map(start));
  const cli = async (...args: string[]) => JSON.parse(await runBuiltCli([...args, "--json"], env));
  const tenant = await cli("tenant", "create", "Cabinet Deploy", "--country", "FR");
  const domain: string = tenant.initialDomain;
  const user = { email: `alice@${domain}`, password: "Deploiement-Sur-2-Machines" };
  await cli(
    "user",
    "create",
    user.email,
    "--name",
    "Alice Martin",
    "--password",
    user.password,
    "--keep-password",
  );
  const daemonApp = await cli(
    "app",
    "create",
    "--name",
    "Daemon",
    "--tenant",
    tenant.id,
    "--audience",
    "AzureADMyOrg",
  );
  const daemonSecret = await cli("app", "secret", "add", daemonApp.app_id);
  const portalApp = await cli(
    "app",
    "create",
    "--name",
    "Espace collaboratif",
    "--audience",
    "AzureADandPersonalMicrosoftAccount",
  );
  const portalSecret = await cli("app", "secret", "add", portalApp.app_id);
  await cli("app", "redirect", "add", portalApp.app_id, `https://localhost:${portalPort}/auth/callback`);
  Object.assign(portalEnv, {
    SESAME_CLIENT_ID: portalApp.app_id,
    SESAME_CLIENT_SECRET: portalSecret.secret,
    SESAME_FIRM_TENANT: domain,
  });
  await Promise.all(instances.filter((i) => i.service === "portal").map(start));

  const haproxy = spawn("haproxy", ["-db", "-f", path.join(root, "deploy/haproxy.cfg")], {
    env: {
      ...process.env,
      SESAME_LB_ADDRESS: "127.0.0.1",
      SESAME_IDENTITY_PORT: String(identityPort),
      SESAME_PORTAL_PORT: String(portalPort),
      SESAME_LB_CERT: lbCert,
      SESAME_CA_FILE: tls.caFile,
      SESAME_PUBLIC_HOST: "localhost",
      SESAME_IDENTITY_1: `127.0.0.1:${instances[0]?.port}`,
      SESAME_IDENTITY_2: `127.0.0.1:${instances[1]?.port}`,
      SESAME_PORTAL_1: `127.0.0.1:${instances[2]?.port}`,
      SESAME_PORTAL_2: `127.0.0.1:${instances[3]?.port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return {
    identityUrl: `https://localhost:${identityPort}`,
    portalUrl: `https://localhost:${portalPort}`,
    ca: tls.ca,
    instances,
    env,
    tenant: tenant.id,
    user,
    daemon: { clientId: daemonApp.app_id, secret: daemonSecret.secret },
    start,
    async close() {
      await stopChild(haproxy);
      await Promise.all(instances.map((i) => stopChild(i.process.child)));
      await sink.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
