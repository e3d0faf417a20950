import { z } from "zod";
import { badRequest } from "./graph-error";

/** The OData options the Graph subset understands: $select, $top, $filter (eq), $skiptoken. */
/** A Graph query string as Fastify parsed it: each parameter once, or repeated. */
export const odataQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** An object id or user principal name in a Graph path; longer values are never an id. */
export const objectIdParam = z.object({ id: z.string().max(1024) });

export interface ODataQuery {
  readonly select: readonly string[] | undefined;
  readonly top: number;
  readonly filter: { readonly field: string; readonly value: string } | undefined;
  readonly skip: number;
}

const DEFAULT_TOP = 100;

export function parseODataQuery(query: Record<string, unknown>, filterable: readonly string[]): ODataQuery {
  const text = (name: string) => {
    const v = query[name];
    return typeof v === "string" ? v : undefined;
  };
  const selectText = text("$select");
  const select = selectText
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const topText = text("$top");
  let top = DEFAULT_TOP;
  if (topText !== undefined) {
    if (!/^\d{1,3}$/.test(topText) || Number(topText) < 1)
      throw badRequest(`Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`);
    top = Number(topText);
  }
  let filter: ODataQuery["filter"];
  const filterText = text("$filter");
  if (filterText !== undefined) {
    const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filterText);
    if (!m?.[1] || m[2] === undefined) throw badRequest(`Invalid filter clause: ${filterText}`);
    const field = filterable.find((f) => f.toLowerCase() === m[1]?.toLowerCase());
    if (!field)
      throw badRequest(`Unsupported or invalid query filter clause specified for property '${m[1]}'.`);
    filter = { field, value: m[2].replace(/''/g, "'") };
  }
  const token = text("$skiptoken");
  let skip = 0;
  if (token !== undefined) {
    const decoded = Number(Buffer.from(token, "base64url").toString("utf8"));
    if (!Number.isInteger(decoded) || decoded < 0) throw badRequest("Invalid $skiptoken.");
    skip = decoded;
  }
  return { select, top, filter, skip };
}

/** Applies $filter, paging and $select to a list; adds @odata.nextLink while more remain. */
export function odataPage<T extends Record<string, unknown>>(
  items: readonly T[],
  q: ODataQuery,
  base: { context: string; nextLinkBase: string; query: Record<string, unknown> },
): Record<string, unknown> {
  const filtered = q.filter
    ? items.filter(
        (i) => String(i[q.filter?.field ?? ""] ?? "").toLowerCase() === q.filter?.value.toLowerCase(),
      )
    : items;
  const page = filtered.slice(q.skip, q.skip + q.top).map((i) => selectFields(i, q.select));
  const more = q.skip + q.top < filtered.length;
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries(base.query))
    if (typeof v === "string" && k !== "$skiptoken") next.set(k, v);
  next.set("$skiptoken", Buffer.from(String(q.skip + q.top)).toString("base64url"));
  return {
    "@odata.context": base.context,
    value: page,
    ...(more ? { "@odata.nextLink": `${base.nextLinkBase}?${next.toString()}` } : {}),
  };
}

export function selectFields<T extends Record<string, unknown>>(
  item: T,
  select: readonly string[] | undefined,
) {
  if (!select?.length) return item;
  const out: Record<string, unknown> = {};
  for (const name of select) {
    const key = Object.keys(item).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) out[key] = item[key];
  }
  return out;
}
