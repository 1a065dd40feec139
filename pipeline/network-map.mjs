/* global Request */
// Loaded into the pack's action bundles by the pipeline runner (NODE_OPTIONS=--import): requests
// to the URL prefixes in PIPELINE_NETWORK_MAP (a host the workflow names, such as the Telegram
// Bot API or the team's webhook URL) go to the sandbox instead. Nothing else changes.
const map = Object.entries(JSON.parse(process.env.PIPELINE_NETWORK_MAP || '{}'));
const original = globalThis.fetch;
if (map.length > 0 && original) {
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [from, to] of map)
      if (url.startsWith(from)) {
        const target = to + url.slice(from.length);
        return original(
          typeof input === 'string' || input instanceof URL ? target : new Request(target, input),
          init,
        );
      }
    return original(input, init);
  };
}
