import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Caller, HopError, verifySignedHop } from '@union-graph/auth';
import express, { type Router } from 'express';
import { type Connection, type Model, Schema } from 'mongoose';
import type { Logger } from './logger';
import type { NonceGuard } from './nonces';

/**
 * Files (roster exports and the like) leave a subgraph through a download, never inside a GraphQL
 * answer: the answer names `/downloads/<subgraph>/<id>`, the gateway serves that path with the
 * same authorization as `/graphql` and forwards it here over the signed hop (empty body), and the
 * subgraph answers the bytes only to the caller who made the file, until it expires.
 *
 * The bytes stay in the subgraph's own database, beside the records they were made from (they are
 * personal data: Redis holds none in clear). FerretDB has no TTL index, so a file past its expiry is
 * refused and deleted when read, and every new file sweeps the expired ones first.
 */

/** How long a download may be fetched after it was made. */
export const DOWNLOAD_TTL_MS = 10 * 60_000;

/** The caller a download belongs to: all of it must match, so a token with other roles gets nothing. */
export interface DownloadOwner {
  id: string;
  roles: string[];
  orgId: string | null;
  memberId: string | null;
  client: string | null;
}

export interface DownloadDoc {
  /** sha256 of the opaque id: the database alone does not give a working download path. */
  _id: string;
  owner: DownloadOwner;
  filename: string;
  contentType: string;
  content: Buffer;
  createdAt: Date;
  expiresAt: Date;
}

export interface DownloadFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface CreatedDownload {
  /** Where the gateway serves it: `/downloads/<subgraph>/<id>`. */
  downloadPath: string;
  expiresAt: Date;
}

const downloadSchema = new Schema<DownloadDoc>(
  {
    _id: { type: String, required: true },
    owner: {
      id: { type: String, required: true },
      roles: { type: [String], required: true },
      orgId: { type: String, default: null },
      memberId: { type: String, default: null },
      client: { type: String, default: null },
    },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    content: { type: Buffer, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { versionKey: false },
);

export type DownloadModel = Model<DownloadDoc>;

/** The collection a subgraph keeps its downloads in (e.g. `roster_downloads`). */
export function downloadModel(conn: Connection, collection = 'downloads'): DownloadModel {
  return conn.model<DownloadDoc>('Download', downloadSchema, collection);
}

const ID_PATTERN = /^[\w-]{43}$/;
const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

function ownerOf(caller: Caller): DownloadOwner {
  return {
    id: caller.id,
    roles: [...caller.roles].sort(),
    orgId: caller.orgId,
    memberId: caller.memberId ?? null,
    client: caller.client ?? null,
  };
}

function sameOwner(a: DownloadOwner, b: DownloadOwner): boolean {
  const x = Buffer.from(JSON.stringify([a.id, [...a.roles].sort(), a.orgId, a.memberId, a.client]));
  const y = Buffer.from(JSON.stringify([b.id, [...b.roles].sort(), b.orgId, b.memberId, b.client]));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Keeps a file for its caller and says where to fetch it; expired files of anyone are swept first. */
export async function createDownload(
  model: DownloadModel,
  subgraph: string,
  caller: Caller,
  file: DownloadFile,
  { ttlMs = DOWNLOAD_TTL_MS, now = new Date() }: { ttlMs?: number; now?: Date } = {},
): Promise<CreatedDownload> {
  await model.deleteMany({ expiresAt: { $lte: now } });
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await model.create({
    _id: hashId(id),
    owner: ownerOf(caller),
    filename: file.filename,
    contentType: file.contentType,
    content: file.content,
    createdAt: now,
    expiresAt,
  });
  return { downloadPath: `/downloads/${encodeURIComponent(subgraph)}/${id}`, expiresAt };
}

/**
 * The file under `id` when `caller` made it and it has not expired; null otherwise, whether it is
 * missing, expired or someone else's (the answer never reveals which). Expired files are deleted.
 */
export async function findDownload(
  model: DownloadModel,
  id: string,
  caller: Caller,
  now = new Date(),
): Promise<DownloadDoc | null> {
  if (!ID_PATTERN.test(id)) return null;
  // Hydrated, not lean: the content comes back as a Buffer rather than BSON Binary.
  const found = await model.findById(hashId(id));
  if (!found) return null;
  const doc: DownloadDoc = {
    _id: found._id,
    owner: found.owner,
    filename: found.filename,
    contentType: found.contentType,
    content: Buffer.from(found.content),
    createdAt: found.createdAt,
    expiresAt: found.expiresAt,
  };
  if (doc.expiresAt.getTime() <= now.getTime()) {
    await model.deleteOne({ _id: doc._id });
    return null;
  }
  return sameOwner(doc.owner, ownerOf(caller)) ? doc : null;
}

/** `attachment` with the name in RFC 5987 form (UTF-8, percent-encoded) and an ASCII fallback. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `GET /downloads/:id`: only through the gateway's signed hop (signature over the empty body, the
 * nonce refused when replayed; 401 otherwise), then the bytes to their maker, or 404.
 */
export function downloadRouter(
  model: DownloadModel,
  { hopSecret, nonces, log }: { hopSecret: string; nonces: NonceGuard; log: Logger },
): Router {
  const router = express.Router();
  router.get('/downloads/:id', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    let caller: Caller;
    try {
      const hop = verifySignedHop(req.headers, Buffer.alloc(0), hopSecret);
      if (!(await nonces.accept(hop.nonce, hop.validUntil))) throw new HopError('replayed request');
      caller = hop.caller;
    } catch (e) {
      const reason = e instanceof HopError ? e.message : 'invalid caller';
      res.status(401).json({
        errors: [
          {
            message: `Only the gateway may call this subgraph (${reason})`,
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      return;
    }
    try {
      const doc = await findDownload(model, String(req.params.id), caller);
      if (!doc) {
        res
          .status(404)
          .json({ errors: [{ message: 'no such download', extensions: { code: 'NOT_FOUND' } }] });
        return;
      }
      const content = Buffer.from(doc.content);
      res.status(200);
      res.setHeader('content-type', doc.contentType);
      res.setHeader('content-disposition', contentDisposition(doc.filename));
      res.setHeader('content-length', String(content.length));
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(content);
    } catch (err) {
      log.error({ err }, 'download failed');
      res
        .status(500)
        .json({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });
  return router;
}
