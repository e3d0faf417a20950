import { mergeCatalogs } from "@sesame/kit/i18n/i18n";
import { adminMessages } from "../admin/admin-messages";
import { resellerMessages } from "../reseller/reseller-messages";
import { directoryMessages } from "./directory-messages";

/** Organizations' text: directory refusals and role names, the admin centre, the reseller pages. */
export const tenantsMessages = mergeCatalogs(directoryMessages, adminMessages, resellerMessages);
