import { randomBytes, randomUUID } from "node:crypto";

/** Personal accounts' oid has Microsoft's consumer shape: 00000000-0000-0000-xxxx-xxxxxxxxxxxx. */
export function newPersonalObjectId(): string {
  const hex = randomBytes(8).toString("hex");
  return `00000000-0000-0000-${hex.slice(0, 4)}-${hex.slice(4)}`;
}

export function newObjectId(): string {
  return randomUUID();
}
