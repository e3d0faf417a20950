/**
 * How hard the proof of work is for one network. The base is SESAME_ALTCHA_MAX_NUMBER (the largest
 * counter a browser may have to reach); when one network (an IPv4 /24 or an IPv6 /64) asks for
 * more than `spikeThreshold` challenges in the window, each further doubling of its traffic
 * doubles the work, up to `ceiling`.
 */
export interface DifficultyRules {
  readonly baseMaxNumber: number;
  readonly spikeThreshold: number;
  readonly windowMs: number;
  readonly ceiling: number;
}

export const difficultyRules = (baseMaxNumber: number): DifficultyRules => ({
  baseMaxNumber,
  spikeThreshold: 30,
  windowMs: 10 * 60 * 1000,
  ceiling: 10_000_000,
});

export function maxNumberFor(rules: DifficultyRules, challengesFromNetwork: number): number {
  if (challengesFromNetwork <= rules.spikeThreshold) return rules.baseMaxNumber;
  const doublings = Math.floor(Math.log2(challengesFromNetwork / rules.spikeThreshold)) + 1;
  return Math.min(rules.ceiling, rules.baseMaxNumber * 2 ** doublings);
}

/** The network an address belongs to, for counting: 203.0.113.0/24, 2001:db8:1:2::/64. */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : ip;
}

function expandIpv6(ip: string): string[] | undefined {
  if (!ip.includes(":")) return undefined;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0) return undefined;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((g) => g.toLowerCase() || "0");
}
