/** Worker module for `kanmon scan` chunks (see cli-task.ts). */
import { answerCliLines } from './cli-task.js';
import { serve } from './worker-rules.js';

export default serve(answerCliLines);
