/**
 * Preloaded into a bundle (`NODE_OPTIONS=--import <this file>`) to record every path the
 * process opens for reading, one per line, in the file named by PACK_FS_PROBE_LOG. Tests use it
 * to show that an action never reads a file it must not (s3-sync and files outside `source`).
 * An open that follows a symbolic link (no O_NOFOLLOW) records the file it reaches as well, so a
 * link into a forbidden place shows up as that place; an open of a descriptor (`fd`) opens nothing.
 */
import fs from 'node:fs';

const log = process.env.PACK_FS_PROBE_LOG;
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** The flags an open is given: fs.open(path, flags), readFile(path, { flag }), createReadStream(path, { flags }). */
function flagsOf(name, rest) {
  const first = rest[0];
  if (name === 'open' || name === 'openSync')
    return typeof first === 'function' ? undefined : first;
  if (typeof first === 'object' && first !== null)
    return name.startsWith('readFile') ? first.flag : first.flags;
  return undefined;
}

if (log) {
  const append = fs.appendFileSync.bind(fs);
  const note = (name, path, rest) => {
    if (!(typeof path === 'string' || path instanceof URL || Buffer.isBuffer(path))) return;
    const options = rest[0];
    if (name === 'createReadStream' && typeof options === 'object' && options?.fd !== undefined)
      return;
    append(log, `${String(path)}\n`);
    const flags = flagsOf(name, rest);
    if (typeof flags === 'number' && NO_FOLLOW !== 0 && (flags & NO_FOLLOW) !== 0) return;
    try {
      if (fs.lstatSync(path).isSymbolicLink()) append(log, `${fs.realpathSync(path)}\n`);
    } catch {
      // Not there (the open fails too): nothing more to record.
    }
  };
  const wrap = (target, name) => {
    const original = target[name];
    target[name] = function (path, ...rest) {
      note(name, path, rest);
      return original.call(this, path, ...rest);
    };
  };
  for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'createReadStream'])
    wrap(fs, name);
  for (const name of ['open', 'readFile']) wrap(fs.promises, name);
}
