import { ClientProcess } from "./support/client-process";

/** MSAL Node in its own process (msal-client-process.ts), trusting the local CA. */
export class MsalProcess extends ClientProcess {
  constructor(scenario: unknown, caFile: string) {
    super(new URL("./msal-client-process.ts", import.meta.url), scenario, caFile);
  }
}
