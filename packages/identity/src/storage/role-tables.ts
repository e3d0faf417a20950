import { TIME } from "@sesame/kit/db/columns";
import type { Kysely } from "kysely";

/** One directory role held by one work account (roleTemplateId as Microsoft names it). */
export interface DirectoryRoleAssignmentTable {
  tenant_id: string;
  account_id: string;
  role_template_id: string;
  assigned_at: number;
}

export interface RoleTables {
  directory_role_assignment: DirectoryRoleAssignmentTable;
}

export async function createRoleTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("directory_role_assignment")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenant.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("role_template_id", "text", (c) => c.notNull())
    .addColumn("assigned_at", TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint("directory_role_assignment_pk", ["account_id", "role_template_id"])
    .execute();
  await db.schema
    .createIndex("directory_role_assignment_tenant")
    .on("directory_role_assignment")
    .columns(["tenant_id", "role_template_id"])
    .execute();
}
