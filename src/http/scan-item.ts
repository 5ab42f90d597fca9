/**
 * The one place where an HTTP scan request meets the engine. Single scans and both batch
 * forms call `scanItem`, so moving batch scanning onto a worker pool means swapping this
 * call and nothing else. Request checks that need the service configuration (text length)
 * happen before it, in the caller's thread.
 */
import { TextTooLongError } from '../errors.js';
import { scan } from '../engine/scan.js';
import type { RuleSet } from '../rules/rule-set.js';
import { redactText } from './redact.js';
import type { ScanRequest, ScanResultBody } from './schemas/scan.js';

/**
 * Scans one request item with the given rule set (read once by the caller, so a batch never
 * mixes rule versions) and shapes the result for the wire.
 * @example scanItem(rules, { id: 'm1', text: 'LINE：kenta88', redact: true }).redactedText
 */
export function scanItem(ruleSet: RuleSet, item: ScanRequest): ScanResultBody {
  const result = scan(ruleSet, item.text, { context: item.context, locale: item.locale, explain: item.explain });
  const body: ScanResultBody = item.id === undefined
    ? { action: result.action, violations: result.violations, rulesVersion: result.rulesVersion }
    : { id: item.id, action: result.action, violations: result.violations, rulesVersion: result.rulesVersion };
  if (item.redact === true) body.redactedText = redactText(item.text, result.violations);
  return body;
}

/** The KANMON_TEXT_TOO_LONG error for a text over the configured limit, else undefined. */
export function checkTextLength(text: string, maxTextLength: number): InstanceType<typeof TextTooLongError> | undefined {
  return text.length > maxTextLength ? new TextTooLongError(text.length, maxTextLength) : undefined;
}
