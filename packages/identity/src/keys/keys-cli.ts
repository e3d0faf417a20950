import type { CliCommand } from "../cli/cli-command";
import { keyEncryptionKey } from "./key-encryption";
import { publishedKeys, rotateSigningKey } from "./signing-keys";

const rotate: CliCommand = {
  group: "keys",
  verb: "rotate",
  usage: "keys rotate",
  summary: "create a new token-signing key; the old one stays published until its tokens expire",
  async run(ctx) {
    const kid = await rotateSigningKey(ctx.db, keyEncryptionKey(ctx.config));
    return { text: `new signing key ${kid} (running servers switch to it within 5 seconds)`, json: { kid } };
  },
};

const list: CliCommand = {
  group: "keys",
  verb: "list",
  usage: "keys list",
  summary: "list the published token-signing keys, newest first",
  async run(ctx) {
    const keys = (await publishedKeys(ctx.db)).map((k) => k.kid);
    return { text: keys.join("\n"), json: keys };
  },
};

export const keyCommands: readonly CliCommand[] = [rotate, list];
