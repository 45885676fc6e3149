// The `xxgk` command line. Each command lives in its own file and registers itself here; it
// loads what it runs (store, queues, parsers, web server) only when run, so `--help` and a
// one-file `parse` start in a fraction of the time.
import { Command, CommanderError } from 'commander';
import { registerParse } from './parseCommand';
import { registerImport } from './importCommand';
import { registerReport } from './reportCommand';
import { registerExport } from './exportCommand';
import { registerWorker } from './workerCommand';
import { registerStatus } from './statusCommand';
import { registerFailed } from './failedCommand';
import { registerRetry } from './retryCommand';
import { registerServe } from './serveCommand';
import { registerWatch } from './watchCommand';
import { PARSER_VERSION } from '../../src/model/version';
import { EXIT } from './exitCodes';

function buildProgram(): Command {
  const program = new Command();
  program
    .name('xxgk')
    .description('Turn 政府信息公开工作年度报告 (PDF, DOCX, DOC, HTML, text) into checked records')
    .version(PARSER_VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerParse(program);
  registerImport(program);
  registerReport(program);
  registerExport(program);
  registerWorker(program);
  registerStatus(program);
  registerFailed(program);
  registerRetry(program);
  registerServe(program);
  registerWatch(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // a service that did not answer may leave reconnecting clients behind: do not wait for them
    if (process.exitCode === EXIT.UNAVAILABLE) process.exit(EXIT.UNAVAILABLE);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return;
    }
    throw e;
  }
}
