import { createHash } from 'node:crypto';

/** A registered document's id at the gateway: sha256 of its exact body, in hex. */
export const documentHash = (body: string): string => createHash('sha256').update(body).digest('hex');
