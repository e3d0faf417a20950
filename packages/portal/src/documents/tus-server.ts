import { randomBytes } from "node:crypto";
import { createReadStream, mkdirSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { loadOnce } from "@sesame/kit/modules/load-once";
import type { FileStore } from "@tus/file-store";
import type { Server } from "@tus/server";
import type { Upload } from "@tus/utils";
import type { T } from "../i18n/messages";
import type { PortalContext } from "../service/portal-context";
import type { DossierVisit } from "./document-access";
import { storeDocument } from "./document-operations";
import { documentStorage } from "./document-storage";
import { STREAM_CHUNK_BYTES } from "./stream-chunk";

/** An unfinished upload not touched for this long is removed by the cleanup job. */
export const TUS_EXPIRY_MS = 24 * 3600_000;

/** What the Fastify route checked before handing a request to tus: who, where, in which language. */
export interface TusVisit {
  readonly visit: DossierVisit;
  readonly folderId?: string;
  readonly t: T;
}

/** The checked visit of each request in flight, found again from tus's hooks by the Node request. */
export const tusVisits = new WeakMap<IncomingMessage, TusVisit>();

interface NodeCarrier {
  readonly runtime?: { readonly node?: { readonly req?: IncomingMessage } };
}
const visitOf = (req: unknown): TusVisit => {
  const node = (req as NodeCarrier).runtime?.node?.req;
  const visit = node ? tusVisits.get(node) : undefined;
  if (!visit) throw { status_code: 404, body: "Not found\n" };
  return visit;
};

/** Refusals of a finished upload, with the status the classic upload route gives them. */
const refusalStatus = {
  "document.error.tooLarge": 413,
  "document.error.type": 422,
  "document.error.infected": 422,
  "document.error.name": 422,
  "document.error.folder": 404,
  "document.error.scanUnavailable": 503,
} as const;

/** The id tus gives an upload: 32 hex characters, nothing else is ever looked up. */
export const TUS_ID = /^[0-9a-f]{32}$/;

const servers = new WeakMap<PortalContext, Promise<Server>>();
/** tus loads with the first resumable upload (or the hourly clean-up), not at the portal's start. */
const tus = loadOnce("@tus/server", () => Promise.all([import("@tus/server"), import("@tus/file-store")]));

/**
 * The portal's tus server: partial uploads on local disk under the data directory (whatever the
 * blob store), the configured size limit, and at the end the very path of every other upload
 * (`storeDocument`: type by content, antivirus, versions, content-addressed store, trail). Until
 * then nothing is visible; the partial file is removed once the document is stored or refused.
 */
export function tusServer(ctx: PortalContext): Promise<Server> {
  let server = servers.get(ctx);
  if (!server) {
    server = tus().then(([server, fileStore]) => newTusServer(ctx, server.Server, fileStore.FileStore));
    servers.set(ctx, server);
    // A failed load is not kept: the next upload tries again.
    server.catch(() => servers.delete(ctx));
  }
  return server;
}

function newTusServer(ctx: PortalContext, TusServer: typeof Server, TusFileStore: typeof FileStore): Server {
  const storage = documentStorage(ctx.config);
  const directory = path.join(ctx.config.SESAME_DATA_DIR, "documents", "tus");
  // FileStore creates it without waiting; the hourly clean-up may list it before any upload did.
  mkdirSync(directory, { recursive: true });
  const datastore = new TusFileStore({ directory, expirationPeriodInMilliseconds: TUS_EXPIRY_MS });
  return new TusServer({
    path: "/tus",
    datastore,
    maxSize: storage.maxBytes,
    namingFunction: () => randomBytes(16).toString("hex"),
    generateUrl: (req, { id }) => `${new URL(req.url).pathname.replace(/\/$/, "")}/${id}`,
    getFileIdFromRequest: (_req, last) => (last && TUS_ID.test(last) ? last : undefined),
    onUploadCreate: async (req, upload) => {
      const { visit, folderId } = visitOf(req);
      return {
        metadata: {
          ...upload.metadata,
          firm: visit.scope.firmId,
          dossier: visit.scope.dossierId,
          folder: folderId ?? "",
          owner: visit.actor.name,
        },
      };
    },
    onUploadFinish: async (req, upload) => {
      const { visit, t } = visitOf(req);
      try {
        const outcome = await storeDocument(ctx, visit.scope, visit.actor, {
          folderId: upload.metadata?.folder ?? "",
          name: upload.metadata?.filename ?? "",
          source: createReadStream(path.join(directory, upload.id), { highWaterMark: STREAM_CHUNK_BYTES }),
        });
        if (!outcome.ok)
          throw {
            status_code: refusalStatus[outcome.refusal],
            body: t(outcome.refusal, { mime: outcome.mime ?? "?" }),
          };
        return {
          headers: { "x-document-id": outcome.documentId, "x-document-version": outcome.version },
        };
      } finally {
        await datastore.remove(upload.id).catch(() => {});
      }
    },
  });
}

/** The partial upload with this id, when it belongs to this person in this dossier. */
export async function ownUpload(
  ctx: PortalContext,
  visit: DossierVisit,
  id: string,
): Promise<Upload | undefined> {
  if (!TUS_ID.test(id)) return undefined;
  const upload = await (await tusServer(ctx)).datastore.getUpload(id).catch(() => undefined);
  const meta = upload?.metadata;
  if (
    !meta ||
    meta.firm !== visit.scope.firmId ||
    meta.dossier !== visit.scope.dossierId ||
    meta.owner !== visit.actor.name
  )
    return undefined;
  return upload;
}
