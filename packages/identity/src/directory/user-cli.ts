import { z } from "zod";
import type { Account } from "../accounts/account-queries";
import { arg, CliError, command, flag, switchFlag, valueFlag } from "../cli/cli-command";
import { requireOrganization } from "../tenants/tenant-operations";
import { listWorkAccounts, tenantOfUpn, workAccountOfUpn } from "../tenants/work-account-queries";
import { createUser, deleteUser, resetUserPassword, setUserEnabled } from "./user-operations";

export const userJson = (a: Account) => ({
  id: a.id,
  userPrincipalName: a.email,
  displayName: a.display_name,
  jobTitle: a.job_title,
  accountEnabled: a.enabled === 1,
  mustChangePassword: a.must_change_password === 1,
  usageLocation: a.usage_location,
});

export const userCommands = [
  command(
    "user",
    "create",
    '<upn> --name "Display Name" [--password p] [--job-title t] [--keep-password]',
    "create a work account (password generated when omitted; must change at next sign-in unless --keep-password)",
    z.object({
      name: valueFlag(),
      password: valueFlag(),
      "job-title": valueFlag(),
      "keep-password": switchFlag(),
    }),
    async (s) => {
      const upn = arg(s.input, 0, "upn");
      if (!upn.includes("@")) throw new CliError("<upn> must look like name@domain");
      const tenant = await tenantOfUpn(s.ctx.db, upn);
      const [userName = "", domain = ""] = upn.split("@");
      const { account, password } = await createUser(s.ctx, s.actor, {
        tenant,
        userName,
        domain,
        displayName: flag(s.input, "name") ?? userName,
        jobTitle: flag(s.input, "job-title") ?? null,
        password: flag(s.input, "password"),
        mustChangePassword: s.input.flags["keep-password"] !== true,
      });
      const shown = password.generated ? password.password : undefined;
      return {
        text: `created ${account.email} (${account.id})${shown ? `\ntemporary password: ${shown}` : ""}`,
        json: { ...userJson(account), ...(shown ? { temporaryPassword: shown } : {}) },
      };
    },
  ),
  command("user", "list", "<tenant>", "list an organization's work accounts", async (s) => {
    const tenant = await requireOrganization(s.ctx.db, arg(s.input, 0, "tenant"));
    const users = await listWorkAccounts(s.ctx.db, tenant.id);
    return {
      text:
        users.map((u) => `${u.email}  ${u.display_name}${u.enabled ? "" : "  (disabled)"}`).join("\n") ||
        "(none)",
      json: users.map(userJson),
    };
  }),
  ...(["disable", "enable"] as const).map((verb) =>
    command("user", verb, "<upn>", `${verb === "disable" ? "block" : "allow"} sign-in`, async (s) => {
      const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
      await setUserEnabled(s.ctx, s.actor, account, verb === "enable", `user.${verb}`);
      return {
        text: `${account.email} ${verb}d`,
        json: { ...userJson(account), accountEnabled: verb === "enable" },
      };
    }),
  ),
  command(
    "user",
    "reset-password",
    "<upn> [--password p]",
    "set a new password, to change at next sign-in",
    z.object({ password: valueFlag() }),
    async (s) => {
      const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
      const password = await resetUserPassword(s.ctx, s.actor, account, flag(s.input, "password"));
      return {
        text: `${account.email}: password reset${password.generated ? `\ntemporary password: ${password.password}` : ""}`,
        json: { id: account.id, ...(password.generated ? { temporaryPassword: password.password } : {}) },
      };
    },
  ),
  command("user", "delete", "<upn>", "delete a work account and release its licences", async (s) => {
    const account = await workAccountOfUpn(s.ctx.db, arg(s.input, 0, "user"));
    await deleteUser(s.ctx, s.actor, account);
    return { text: `${account.email} deleted`, json: { id: account.id, deleted: true } };
  }),
];
