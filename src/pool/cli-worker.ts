/**
 * Worker module for `kanmon scan` blocks of input bytes (see cli-task.ts).
 * The export is a promise of the handler, which piscina awaits before it reports the thread
 * ready: the rules a pool preloads (worker-rules.ts) are loaded by then. (Not a top-level
 * await: tsx cannot load such a module in a worker thread, as the tests run it.)
 */
import { answerCliBlock } from './cli-task.js';
import { preloadRules, serve } from './worker-rules.js';

export default preloadRules().then(() => serve(answerCliBlock));
