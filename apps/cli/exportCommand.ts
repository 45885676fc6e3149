// `xxgk export`: the cleaned dataset in CSV, JSON Lines or Parquet, long (one row per cell, with
// a reports file beside it), wide (one row per report) or panel (one row per agency and year),
// filtered, with the failed files apart and a data dictionary.
import type { Command } from 'commander';
import type { RawExportOptions } from '../export/options';
import { EXIT } from './exitCodes';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'write the cleaned dataset, one report per agency, year and scope (long: one row per cell, plus ' +
        '<name>.reports.<ext>; wide: one row per report; panel: one row per agency and year), ' +
        '<name>.failures.<ext> (files that could not be parsed) and <name>.dictionary.json/.md beside it',
    )
    .requiredOption('--out <path>', 'the data file')
    .option('--format <format>', 'csv (UTF-8 with BOM, opens in Excel), jsonl or parquet', 'csv')
    .option(
      '--shape <shape>',
      'long (one row per cell), wide (one row per report, one column per table.row.col) or ' +
        'panel (one row per agency and year: the indicators of 2008–2025)',
      'long',
    )
    .option('--year-from <year>', 'only reports of this year or later')
    .option('--year-to <year>', 'only reports of this year or earlier')
    .option('--years <range>', 'a year or a range: 2023, 2019-2023, 2019-, -2023')
    .option(
      '--agency <name>',
      'only this agency: part of its name, or any name with the same agency key (淮安市洪泽区人民政府 = 洪泽区人民政府)',
    )
    .option('--layout <layout>', 'only reports with a table in this layout: 2019, 2021, legacy or unknown')
    .option('--passing', 'only reports that parsed, read cells, and fail no rule of severity error')
    .option(
      '--region <region>',
      'only reports of this region: a name (江苏省, 淮安市, 洪泽区) or a GB/T 2260 code (320800: the city and everything in it)',
    )
    .option('--disagreeing', 'only reports whose copies disagree on a cell (X-SOURCES)')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 64 bad option, 69 the store cannot be opened, 73 cannot write the output.',
    )
    .action(async (raw: RawExportOptions) => {
      const { openStore } = require('../../store') as typeof import('../../store');
      const { runExport } = require('../export/runExport') as typeof import('../export/runExport');
      const { verdictCounts } = require('../export/crossFindings') as typeof import('../export/crossFindings');
      const { parseExportOptions, ExportOptionError } =
        require('../export/options') as typeof import('../export/options');
      let options;
      try {
        options = parseExportOptions(raw);
      } catch (e) {
        if (!(e instanceof ExportOptionError)) throw e;
        process.stderr.write(`xxgk export: ${e.message}\n`);
        process.exitCode = EXIT.USAGE;
        return;
      }
      const store = await openStore().catch((e: Error) => {
        process.stderr.write(`xxgk export: cannot open the store: ${e.message}\n`);
        return null;
      });
      if (!store) {
        process.exitCode = EXIT.UNAVAILABLE;
        return;
      }
      try {
        const s = await runExport(store.db, options);
        const cleaned = Object.entries(s.cleaning)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        process.stderr.write(
          `exported ${s.reports} reports, ${s.cells} cells: ${s.rows} rows to ${s.files.data}` +
            (s.files.reports ? `, reports to ${s.files.reports}` : '') +
            `, dictionary ${s.files.dictionary}\n` +
            `copies: ${s.copies.files} files make the ${s.reports} reports; ` +
            `${s.copies.reportsWithCopies} reports have several copies, ` +
            `${s.copies.disagreeing} with copies that disagree (X-SOURCES)\n` +
            `failures: ${s.failures} files could not be parsed, listed in ${s.files.failures}\n` +
            `cleaning: ${cleaned || 'no cells'}\n` +
            `across reports (X-CARRY, X-INFORCE): ${s.cross.pairCount} pairs of consecutive years, ` +
            `${s.cross.checks} checks, ${s.cross.notAssessable} not assessable, ${s.cross.flags} failing; ` +
            verdictCounts(s.cross) +
            `; ${s.cross.agenciesWithSeveralYears} agencies with reports of several years, ` +
            `${s.cross.agenciesWithoutConsecutiveYears} of them with no two consecutive years\n`,
        );
        process.exitCode = EXIT.OK;
      } catch (e) {
        process.stderr.write(`xxgk export: ${(e as Error).message}\n`);
        process.exitCode = 73;
      } finally {
        await store.close();
      }
    });
}
