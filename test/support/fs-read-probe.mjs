/**
 * Preloaded into a bundle (`NODE_OPTIONS=--import <this file>`) to record every path the
 * process opens for reading, one per line, in the file named by PACK_FS_PROBE_LOG. Tests use it
 * to show that an action never reads a file it must not (s3-sync and files outside `source`).
 */
import fs from 'node:fs';

const log = process.env.PACK_FS_PROBE_LOG;
if (log) {
  const append = fs.appendFileSync.bind(fs);
  const note = (path) => {
    if (typeof path === 'string' || path instanceof URL || Buffer.isBuffer(path))
      append(log, `${String(path)}\n`);
  };
  const wrap = (target, name) => {
    const original = target[name];
    target[name] = function (path, ...rest) {
      note(path);
      return original.call(this, path, ...rest);
    };
  };
  for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream'])
    wrap(fs, name);
  for (const name of ['open', 'readFile']) wrap(fs.promises, name);
}
