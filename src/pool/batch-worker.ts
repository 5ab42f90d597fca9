/** Worker module for `/v1/scan/batch` chunks (see batch-task.ts); a task is one or the other by its fields. */
import { answerItems, answerNdjsonLines } from '../http/batch.js';
import type { JsonItemsTask, NdjsonLinesTask } from './batch-task.js';
import { serve } from './worker-rules.js';

export default serve((ruleSet, task: NdjsonLinesTask | JsonItemsTask) =>
  'lines' in task ? answerNdjsonLines(ruleSet, task.limits, task.lines) : answerItems(ruleSet, task.limits, task.items, task.firstIndex),
);
