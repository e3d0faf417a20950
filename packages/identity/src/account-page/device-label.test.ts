import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deviceLabel } from "./device-label";

describe("the device a session was opened on", () => {
  it("names the browser and the system of common User-Agent headers", () => {
    const cases: [string, string | undefined][] = [
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Chrome Windows",
      ],
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0",
        "Edge Windows",
      ],
      [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 Safari/604.1",
        "Safari iOS",
      ],
      ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox Linux"],
      [
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
        "Chrome Android",
      ],
      ["lightMyRequest", undefined],
    ];
    for (const [ua, expected] of cases) {
      const label = deviceLabel(ua);
      assert.equal(label ? `${label.browser} ${label.system}` : undefined, expected, ua);
    }
  });
});
