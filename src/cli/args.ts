/** What a command accepts: boolean flags and options that take a value. */
export interface OptionSpec {
  readonly flags: readonly string[];
  readonly values: readonly string[];
}

/** Parsed arguments of one command. */
export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments: `--flag`, `--option value` and positionals (`-` is a positional).
 * @param args - the arguments after the command name
 * @param spec - the flags and valued options the command accepts
 * @returns the parsed arguments, or a sentence saying what is wrong
 */
export const parseArgs = (args: readonly string[], spec: OptionSpec): ParsedArgs | string => {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (spec.flags.includes(arg)) flags.add(arg);
    else if (spec.values.includes(arg)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) return `Option "${arg}" needs a value`;
      values.set(arg, value);
      i++;
    } else if (arg.startsWith('-') && arg !== '-') return `Unknown option "${arg}"`;
    else positionals.push(arg);
  }
  return { flags, values, positionals };
};
