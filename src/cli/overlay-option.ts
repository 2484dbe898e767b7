import * as E from 'fp-ts/lib/Either.js';
import { applyOverlay } from '../rules/apply-overlay.js';
import { defaultRuleSet } from '../rules/default-rule-set.js';
import type { RuleSet } from '../rules/rule-set.js';
import { formatPath } from '../model/issues.js';
import { EXIT, readJson, type CliIo } from './io.js';

/**
 * Loads the rule set named by `--overlay`: the default rules with the clinic overlay applied.
 * @param path - the overlay file, or undefined when the option is not given
 * @param io - where to read and report
 * @returns the rule set, undefined for the default one, or an exit code when the overlay is refused
 */
export const loadOverlayOption = async (path: string | undefined, io: CliIo): Promise<RuleSet | undefined | number> => {
  if (path === undefined) return undefined;
  const input = await readJson(path, io);
  if ('error' in input) {
    io.stderr(`${input.error}\n`);
    return input.unreadable ? EXIT.usage : EXIT.invalidInput;
  }
  const result = applyOverlay(defaultRuleSet, input.value);
  if (E.isRight(result)) return result.right;
  io.stderr(`The overlay "${path}" is refused:\n${result.left.map((i) => `  ${formatPath(i.path)}: ${i.message} [${i.code}]`).join('\n')}\n`);
  return EXIT.invalidInput;
};
