import assert from "node:assert/strict";
import { test } from "node:test";
import { parseWrkOutput } from "./wrk-output";

const output = `Running 5s test @ https://127.0.0.1:40001/token
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.31ms    1.23ms  20.00ms   80.00%
    Req/Sec     6.05k   400.00     6.50k    70.00%
  Latency Distribution
     50%  812.00us
     75%    5.90ms
     90%    7.00ms
     99%    1.02s
  30112 requests in 5.01s, 30.01MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 12
Requests/sec:   6010.38
Transfer/sec:      5.99MB
bench sample {"access_token":"eyJ.a.b"}
bench completed 0
bench failures 4
`;

test("wrk's summary, latency percentiles, errors and the script's lines are read", () => {
  const parsed = parseWrkOutput(output);
  assert.equal(parsed.requests, 30112);
  assert.equal(parsed.seconds, 5.01);
  assert.equal(parsed.p50Ms, 0.812);
  assert.equal(parsed.p99Ms, 1020);
  assert.equal(parsed.socketErrors, 3);
  assert.equal(parsed.badStatus, 12);
  assert.deepEqual(parsed.script, [
    ["sample", '{"access_token":"eyJ.a.b"}'],
    ["completed", "0"],
    ["failures", "4"],
  ]);
});

test("a run without errors has no error lines, and an output without a summary is refused", () => {
  const clean = output.replace(/ {2}Socket errors.*\n {2}Non-2xx.*\n/, "");
  const parsed = parseWrkOutput(clean);
  assert.equal(parsed.socketErrors, 0);
  assert.equal(parsed.badStatus, 0);
  assert.throws(() => parseWrkOutput("unable to connect to 127.0.0.1:1 Connection refused"), /no summary/);
});
