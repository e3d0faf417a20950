/**
 * Child process of the sign-in benchmark: an SMTP server on loopback that accepts every message and
 * keeps none, standing for the mail relay production sends to. identity's own development sink
 * would parse and store each mail inside identity's process, a cost production does not have.
 * Prints one JSON line with its port.
 */
import { startSmtpSink } from "@sesame/kit/mail/smtp-sink";

let received = 0;
const sink = await startSmtpSink({
  port: 0,
  store: async () => {
    received++;
  },
});
process.stdout.write(`${JSON.stringify({ port: sink.port })}\n`);
process.on("SIGTERM", async () => {
  await sink.close();
  process.stderr.write(received > 0 ? "" : "smtp relay: no mail received\n");
  process.exit(0);
});
