import { createHmac } from "node:crypto";
import type { Counters } from "@sesame/kit/counters/counters";
import { type Challenge, createChallenge, randomInt, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import type { IdentityConfig } from "../config";
import { derivedKey, keyEncryptionKey } from "../keys/key-encryption";
import { type DifficultyRules, maxNumberFor, networkOf } from "./difficulty";
import type { UsedSolutions } from "./used-solutions";

/**
 * ALTCHA proof of work (altcha-lib 2, SHA-256, deterministic counter): the server picks a random
 * counter below the network's max number and signs the challenge; the browser's workers search
 * for it. A solution is accepted once: its challenge signature is claimed in the database until the
 * challenge expires (used-solutions.ts), so neither a restart nor another instance lets it replay.
 */
export interface AntiRobot {
  challenge(ip: string): Promise<Challenge>;
  verify(payload: string | undefined): Promise<AntiRobotResult>;
}

export type AntiRobotResult =
  | { ok: true }
  | { ok: false; reason: "missing" | "invalid" | "expired" | "replayed" };

const CHALLENGE_TTL_MS = 20 * 60 * 1000;

/**
 * SESAME_SECRET when set, otherwise a key derived from the key-encryption key: a challenge issued
 * before a restart, or by another instance sharing that key, still verifies.
 */
export function antiRobotSecret(config: IdentityConfig): string {
  return config.SESAME_SECRET ?? derivedKey(keyEncryptionKey(config), "altcha").toString("hex");
}

export function createAntiRobot(options: {
  readonly secret: string;
  readonly counters: Counters;
  readonly used: UsedSolutions;
  readonly rules: DifficultyRules;
}): AntiRobot {
  const { counters, used, rules } = options;
  // Two independent keys from one secret: one signs challenges, one signs the expected key.
  const hmacSignatureSecret = createHmac("sha256", options.secret).update("altcha-challenge").digest("hex");
  const hmacKeySignatureSecret = createHmac("sha256", options.secret).update("altcha-key").digest("hex");

  return {
    async challenge(ip) {
      const seen = await counters.increment(`altcha-net:${networkOf(ip)}`, rules.windowMs);
      const maxNumber = maxNumberFor(rules, seen);
      return createChallenge({
        algorithm: "SHA-256",
        cost: 1,
        counter: randomInt(maxNumber),
        deriveKey,
        expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
    },

    async verify(payload) {
      if (!payload) return { ok: false, reason: "missing" };
      let parsed: { challenge?: Challenge; solution?: { counter: number; derivedKey: string } };
      try {
        parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
      } catch {
        return { ok: false, reason: "invalid" };
      }
      if (!parsed?.challenge?.parameters || !parsed.solution) return { ok: false, reason: "invalid" };
      let result: Awaited<ReturnType<typeof verifySolution>>;
      try {
        result = await verifySolution({
          challenge: parsed.challenge,
          solution: parsed.solution,
          deriveKey,
          hmacSignatureSecret,
          hmacKeySignatureSecret,
        });
      } catch {
        return { ok: false, reason: "invalid" };
      }
      if (result.expired) return { ok: false, reason: "expired" };
      if (!result.verified || !parsed.challenge.signature) return { ok: false, reason: "invalid" };
      // The signed expiry (seconds) bounds how long the signature must be remembered.
      const signedExpiry = parsed.challenge.parameters.expiresAt;
      const expiresAt = signedExpiry ? signedExpiry * 1000 : Date.now() + CHALLENGE_TTL_MS;
      const fresh = await used.claim(parsed.challenge.signature, expiresAt);
      return fresh ? { ok: true } : { ok: false, reason: "replayed" };
    },
  };
}
