// Entry of a render thread. Running from TypeScript sources (npm start, tests),
// the thread registers tsx itself: loader flags of the main thread do not reach it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('./render-worker.ts', import.meta.url);
if (existsSync(fileURLToPath(source))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('./render-worker.js', import.meta.url).href);
}
