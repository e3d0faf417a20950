import type { IdentityFeature } from "../feature";
import { userCommands } from "./user-cli";

/** Work accounts of organizations: their operations, used by the admin centre, Graph and the CLI. */
export const directoryFeature: IdentityFeature = {
  name: "directory",
  migrations: {},
  register() {},
  cli: userCommands,
};
