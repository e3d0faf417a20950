import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";

/**
 * A browser-like client for app.inject: keeps cookies between requests and fills the CSRF token
 * of the last page it saw into the forms it posts, as a person clicking through would.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private lastHtml = "";

  constructor(
    private readonly app: FastifyInstance,
    private readonly language: "fr" | "en" = "fr",
    /** The client's IP address as the server sees it (lockout is per source). */
    private readonly remoteAddress = "127.0.0.1",
  ) {}

  get html(): string {
    return this.lastHtml;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header this browser sends, for requests made outside it (the route fuzzer). */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** The CSRF token of the last page's forms, if it had any. */
  get csrfToken(): string | undefined {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1];
  }

  /** Puts a cookie in place as if the server had set it (a session made directly in storage). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.send({ method: "GET", url, headers });
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (or null to omit). */
  async post(
    url: string,
    form: Record<string, string | readonly string[] | null>,
  ): Promise<LightMyRequestResponse> {
    const fields = new URLSearchParams();
    for (const [k, v] of Object.entries(form))
      for (const value of v === null ? [] : typeof v === "string" ? [v] : v) fields.append(k, value);
    if (!("_csrf" in form)) {
      const token = this.csrfToken;
      if (token) fields.set("_csrf", token);
    }
    return this.send({
      method: "POST",
      url,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: fields.toString(),
    });
  }

  /** Posts a multipart form with one file, as a browser's file input sends it (CSRF token added). */
  async postFile(
    url: string,
    fields: Record<string, string>,
    file: { field: string; filename: string; type: string; content: string | Buffer },
  ): Promise<LightMyRequestResponse> {
    const boundary = `----sesame${Date.now().toString(16)}`;
    const all = { ...fields };
    const token = this.csrfToken;
    if (token && !("_csrf" in all)) all._csrf = token;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(all))
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return this.send({
      method: "POST",
      url,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
  }

  private async send(
    options: InjectOptions & { headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse> {
    const cookieHeader = this.cookieHeader;
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      ...options,
      headers: {
        "accept-language": this.language,
        accept: "text/html",
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...options.headers,
      },
    });
    for (const c of response.cookies) {
      if (c.maxAge === 0 || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if ((response.headers["content-type"] ?? "").toString().includes("text/html"))
      this.lastHtml = response.body;
    return response;
  }
}
