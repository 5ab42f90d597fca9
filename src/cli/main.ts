/**
 * The `kanmon` command: finds the command named by the first words of argv and runs it.
 * `main` takes its streams as arguments so tests run it in-process; `runCli` wires it to
 * the process (bin/kanmon.js calls it, and so does running this file directly with tsx).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXIT, UsageError, type Command } from './command.js';
import { evalCommand } from './eval.js';
import { processIo, write, type CliIo } from './io.js';
import { rulesCheckCommand } from './rules-check.js';
import { rulesListCommand } from './rules-list.js';
import { rulesTestCommand } from './rules-test.js';
import { scanCommand } from './scan.js';
import { serveCommand } from './serve.js';

/**
 * Every command, in the order `kanmon --help` lists them.
 * @example COMMANDS.find((c) => c.name === 'rules check')
 */
export const COMMANDS: readonly Command[] = [scanCommand, rulesCheckCommand, rulesTestCommand, rulesListCommand, evalCommand, serveCommand];

/** package.json sits two levels up from both src/cli/ and dist/cli/. */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const USAGE = `Usage: kanmon <command> [options]

Detects off-platform contact exchange (LINE IDs, phone numbers, e-mail addresses, …)
in Japanese marketplace texts.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)}${c.summary}`).join('\n')}

Options:
  -h, --help     show this help; "kanmon <command> --help" for a command's options
  -v, --version  print the version

Exit codes: 0 done, 1 problems found (rules check / rules test), 2 usage or input error.`;

/**
 * Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code.
 * @example process.exitCode = await main(['rules', 'check'], processIo())
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    await write(first === undefined ? io.stderr : io.stdout, `${USAGE}\n`);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    await write(io.stdout, `${VERSION}\n`);
    return EXIT.ok;
  }

  const command = COMMANDS.find((c) => c.name === first) ?? COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    const known = group.length > 0 ? group.map((c) => `"${c.name}"`).join(', ') : 'see "kanmon --help"';
    await write(io.stderr, `kanmon: unknown command "${[first, ...(group.length > 0 && second ? [second] : [])].join(' ')}"; ${known}\n`);
    return EXIT.usage;
  }
  const args = argv.slice(command.name.split(' ').length);
  if (args.includes('--help') || args.includes('-h')) {
    await write(io.stdout, `${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `kanmon ${command.name}: ${error.message}\nRun "kanmon ${command.name} --help" for usage.\n`);
    return EXIT.usage;
  }
}

/**
 * Runs `main` on the process's arguments and streams and sets the exit code. A closed
 * stdout (`kanmon scan | head`) ends the run quietly instead of with an EPIPE trace.
 * @example await runCli() // bin/kanmon.js
 */
export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
  try {
    process.exitCode = await main(argv, processIo());
  } catch (error) {
    process.stderr.write(`kanmon: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.failed;
  }
}

/** Whether this module is the process's entry script (`tsx src/cli/main.ts …`, no build needed). */
function isEntryScript(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false; // argv[1] is not a file, e.g. under `node -e`
  }
}

if (isEntryScript()) void runCli();
