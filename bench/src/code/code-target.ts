/** What a code-bench server prints once ready: where the load generator finds it and its client. */
export interface CodeTarget {
  readonly url: string;
  readonly ca: string;
  readonly authorizePath: string;
  readonly tokenPath: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly scope: string;
  /** The scope asked when refreshing (oidc-provider keeps offline_access out of the refresh token's). */
  readonly refreshScope?: string;
  /** identity only: the account that signs in through the real pages once, before the rounds. */
  readonly email?: string;
  readonly password?: string;
  /** The floor only: the session cookie ("name=value") its authorize endpoint accepts. */
  readonly sessionCookie?: string;
}

export interface RateResult {
  readonly perSecond: number;
  /** The server process's CPU (user + system, every thread, /proc) per flow or redemption, in µs. */
  readonly cpuUs: number;
  /** wrk's CPU (user + system) per flow or redemption, in µs. */
  readonly clientCpuUs: number;
  /** A whole flow's (or a redemption's) time, measured by the wrk script. */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface Comparison {
  readonly identity: RateResult;
  /** oidc-provider with its state durable in SQLite, as identity's (the goal's reference). */
  readonly oidcProvider: RateResult;
  /** The same oidc-provider with its state in memory: lost at a restart, never written to disk. */
  readonly oidcProviderInMemory: RateResult;
  /** The bare node:https floor (bench/src/floor/). */
  readonly floor: RateResult;
  /** identity's rate over oidc-provider's, per round. */
  readonly ratios: number[];
  /** identity's rate over the in-memory oidc-provider's, per round. */
  readonly inMemoryRatios: number[];
  /** oidc-provider's CPU per operation over identity's, per round. */
  readonly cpuRatios: number[];
  /** The floor's rate over oidc-provider's, per round: the best ratio this machine allows. */
  readonly floorRatios: number[];
  /** identity's rate over the floor's, per round. */
  readonly identityVsFloor: number[];
}

export interface CodeBenchResult {
  readonly flows: Comparison;
  readonly refresh: Comparison;
  readonly concurrency: number;
  readonly rounds: number;
  readonly seconds: number;
  /** CPU time of one RS256 signature on one thread, µs: the median of one measured per round (each operation signs two). */
  readonly signMicros: number;
}
