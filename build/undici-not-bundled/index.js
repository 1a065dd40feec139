'use strict';
// @actions/http-client imports ProxyAgent at load time but only constructs it for its own
// requests through a proxy (OIDC tokens, artifact and cache uploads), which no action here makes.
class ProxyAgent {
  constructor() {
    throw new Error(
      'The ECS delivery pack does not bundle undici: @actions/http-client proxy requests are not supported.',
    );
  }
}
module.exports = { ProxyAgent };
