/**
 * The funnel-counts test's fixture: one contact per edge of the onboarding state rule, with the
 * state the rule must give it (kept apart so that the test reads as what it checks).
 */
import { DAY_MS } from "@sesame/kit/db/expiry-sweeper";
import type { ContactTable } from "../storage/contact-tables";
import type { FunnelState } from "./dashboard-rules";

export const now = Date.now();

/** An invitation sent `ageDays` ago (14 days to answer), with what became of it. */
interface Sent {
  readonly ageDays: number;
  readonly expiresAt?: number;
  readonly revoked?: boolean;
  readonly completed?: boolean;
}

/**
 * One contact per edge of the state rule (dashboard-rules.ts and invitation-rules.ts), with the
 * state the rule gives it: the fixture is checked against the rule first, then the database's
 * counts against the rule.
 */
export const cases: {
  name: string;
  expect: FunnelState;
  dossier: "a" | "b";
  contact?: Partial<ContactTable>;
  sent?: Sent[];
  /** Approval link forwarded: by the contact, by the firm for them, or by another firm's contact. */
  forwarded?: "by_contact" | "by_firm" | "in_other_firm";
}[] = [
  { name: "never invited", expect: "not_invited", dossier: "a" },
  { name: "empty tid, never invited", expect: "not_invited", dossier: "a", contact: { tid: "" } },
  { name: "invited", expect: "invited", dossier: "a", sent: [{ ageDays: 2 }] },
  {
    name: "personal account",
    expect: "invited",
    dossier: "b",
    contact: { readiness_kind: "personal" },
    sent: [{ ageDays: 1 }],
  },
  {
    name: "no account",
    expect: "account_missing",
    dossier: "a",
    contact: { readiness_kind: "none" },
    sent: [{ ageDays: 1 }],
  },
  {
    name: "consent pending",
    expect: "approval_pending",
    dossier: "b",
    contact: { readiness_kind: "work", readiness_consent: "pending" },
    sent: [{ ageDays: 1 }],
  },
  {
    name: "consent unknown",
    expect: "approval_pending",
    dossier: "a",
    contact: { readiness_kind: "work" },
    sent: [{ ageDays: 1 }],
  },
  {
    name: "consent approved, link forwarded",
    expect: "invited",
    dossier: "a",
    contact: { readiness_kind: "work", readiness_consent: "approved" },
    sent: [{ ageDays: 1 }],
    forwarded: "by_contact",
  },
  {
    name: "request said sent",
    expect: "approval_requested",
    dossier: "b",
    contact: { readiness_kind: "work", readiness_consent: "pending", approval_requested_at: now - DAY_MS },
    sent: [{ ageDays: 3 }],
  },
  {
    name: "request time zero",
    expect: "approval_pending",
    dossier: "b",
    contact: { readiness_kind: "work", readiness_consent: "pending", approval_requested_at: 0 },
    sent: [{ ageDays: 3 }],
  },
  {
    name: "forwarded by the contact",
    expect: "approval_requested",
    dossier: "a",
    contact: { readiness_kind: "work", readiness_consent: "pending" },
    sent: [{ ageDays: 4 }],
    forwarded: "by_contact",
  },
  {
    name: "forwarded by the firm",
    expect: "approval_requested",
    dossier: "b",
    contact: { readiness_kind: "work", readiness_consent: "revoked" },
    sent: [{ ageDays: 4 }],
    forwarded: "by_firm",
  },
  {
    name: "forwarded in another firm",
    expect: "approval_pending",
    dossier: "b",
    contact: { readiness_kind: "work", readiness_consent: "pending" },
    sent: [{ ageDays: 4 }],
    forwarded: "in_other_firm",
  },
  {
    name: "signed in",
    expect: "active",
    dossier: "a",
    contact: { tid: "t1", oid: "o1" },
    sent: [{ ageDays: 5, completed: true }],
  },
  {
    name: "signed in, invitation revoked since",
    expect: "active",
    dossier: "b",
    contact: { tid: "t2", oid: "o2" },
    sent: [{ ageDays: 5, revoked: true }],
  },
  { name: "signed in, never invited", expect: "active", dossier: "b", contact: { tid: "t3", oid: "o3" } },
  { name: "revoked", expect: "revoked", dossier: "a", sent: [{ ageDays: 3, revoked: true }] },
  {
    name: "revoked, then invited again",
    expect: "invited",
    dossier: "a",
    sent: [{ ageDays: 9, revoked: true }, { ageDays: 1 }],
  },
  {
    name: "invited, then revoked",
    expect: "revoked",
    dossier: "b",
    sent: [{ ageDays: 9 }, { ageDays: 1, revoked: true }],
  },
  {
    name: "expired",
    expect: "expired",
    dossier: "a",
    contact: { readiness_kind: "none" },
    sent: [{ ageDays: 20 }],
  },
  {
    name: "expires this millisecond",
    expect: "expired",
    dossier: "b",
    sent: [{ ageDays: 14, expiresAt: now }],
  },
  {
    name: "expired, then invited again",
    expect: "account_missing",
    dossier: "b",
    contact: { readiness_kind: "none" },
    sent: [{ ageDays: 30 }, { ageDays: 2 }],
  },
  {
    name: "answered, past its expiry",
    expect: "invited",
    dossier: "a",
    sent: [{ ageDays: 20, completed: true }],
  },
  {
    name: "account deleted",
    expect: "account_deleted",
    dossier: "b",
    contact: { readiness_kind: "deleted", tid: "t4", oid: "o4" },
    sent: [{ ageDays: 40, completed: true }],
  },
  {
    name: "account deleted, never invited",
    expect: "account_deleted",
    dossier: "a",
    contact: { readiness_kind: "deleted" },
  },
];
