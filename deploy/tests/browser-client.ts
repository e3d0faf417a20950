import type { Pool } from "undici";

/** A browser's worth of state against one origin: its cookies and the CSRF token of the last form. */
export class BrowserClient {
  private readonly jar = new Map<string, string>();
  private csrf = "";

  constructor(private readonly pool: Pool) {}

  get cookies(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async send(method: "GET" | "POST", path: string, form?: Record<string, string>) {
    const response = await this.pool.request({
      method,
      path,
      headers: {
        accept: "text/html",
        cookie: this.cookies,
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(form ? { body: new URLSearchParams({ ...form, _csrf: this.csrf }).toString() } : {}),
    });
    const setCookie = response.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      this.jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const body = await response.body.text();
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? this.csrf;
    return { status: response.statusCode, body };
  }

  /** The login page, the email, the password: signed in once "Stay signed in?" shows or it redirects. */
  async signIn(account: { email: string; password: string }): Promise<void> {
    await this.expect(this.send("GET", "/login"), [200]);
    await this.expect(this.send("POST", "/login", { email: account.email }), [200, 303]);
    const done = await this.expect(this.send("POST", "/login/password", account), [200, 303]);
    if (done.status === 200 && !done.body.includes('name="sid"')) {
      throw new Error(`sign-in refused: ${done.body.slice(0, 200)}`);
    }
  }

  private async expect(sent: ReturnType<BrowserClient["send"]>, statuses: number[]) {
    const response = await sent;
    if (!statuses.includes(response.status)) throw new HttpStatusError(response.status);
    return response;
  }
}

export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}
