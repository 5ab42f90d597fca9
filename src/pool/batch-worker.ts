/** Worker module for `/v1/scan/batch` chunks (see batch-task.ts); a task is one or the other by its fields. */
import { answerItems } from '../http/batch.js';
import { answerNdjsonBlock, type JsonItemsTask, type NdjsonBlockTask } from './batch-task.js';
import { serve } from './worker-rules.js';

export default serve((ruleSet, task: NdjsonBlockTask | JsonItemsTask) =>
  'block' in task ? answerNdjsonBlock(ruleSet, task.limits, task.block) : answerItems(ruleSet, task.limits, task.items, task.firstIndex),
);
