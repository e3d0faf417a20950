/**
 * The approval link of the help article, built for this firm: the v1 authorize request with the
 * Graph resource and an empty response_mode (exactly the seed's shape), plus a state that ties the
 * answer to the person who forwarded it.
 */
export function approvalLink(input: {
  authority: string;
  clientId: string;
  portalOrigin: string;
  firmCode: string;
  state: string;
}): string {
  const redirect = `${input.portalOrigin}/${input.firmCode}/authorize`;
  return (
    `${input.authority}/common/oauth2/authorize?client_id=${encodeURIComponent(input.clientId)}` +
    `&redirect_uri=${encodeURIComponent(redirect)}&resource=${encodeURIComponent("https://graph.microsoft.com/")}` +
    `&response_type=code&response_mode=&state=${encodeURIComponent(input.state)}`
  );
}
