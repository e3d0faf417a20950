// The package's public entry for start-up scripts, e2e and bench (`@sesame/portal/config`).
export { loadPortalConfig, type PortalConfig } from "./service/portal-config";
