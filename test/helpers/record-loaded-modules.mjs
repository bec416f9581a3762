/**
 * `node --import tsx --import ./record-loaded-modules.mjs ...`: appends the URL of every module
 * the process imports to the file named by $LOADED_MODULES_LOG, so a test can say which modules
 * a run loaded (a resolve hook: it sees each module the ESM loader resolves, tsx's included).
 */
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.LOADED_MODULES_LOG, resolved.url + '\\n');
  return resolved;
}
`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
