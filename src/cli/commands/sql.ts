import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SQL_SCALE, groupsSql, SQL_DIALECTS, SQL_FORMATS, type SqlDialect } from '../../formats/sql/groupsSql';
import { UsageError, type CliIo, type Command } from '../io';
import { openDuckdb } from '../duckdb/duckdbSession';
import { fileGroupsQuery } from '../duckdb/fileGroupsQuery';

const USAGE = `usage: rerate sql --dialect duckdb|athena|trino --from TABLE_OR_PATH [--format cur1|cur2|focus] [--columns A,B,…] [--scale N]

Prints the query that turns a CUR 1.0, CUR 2.0 or FOCUS 1.0–1.2 table into the groups table
(src/engine/groups/README.md), generated from the JavaScript readers' own column and kind definitions
(src/formats/sql/README.md). Run it where the data is, save the result as CSV, then
'rerate invoice groups.csv'.

options:
  --dialect D     duckdb: --from is a local CSV, .csv.gz or Parquet file (its format is detected);
                  athena, trino: --from is a table (AWS's CUR tables: snake_case columns, DOUBLE
                  costs), read with its "$path" as the source of each row
  --format F      cur1, cur2 or focus: the format the JavaScript reader would see (athena/trino;
                  default cur2, the snake_case names AWS's Athena tables use for both CURs; focus:
                  the FOCUS column names, BilledCost, ChargeCategory, …)
  --columns LIST  the table's columns (athena/trino), so absent ones read as null; default: every
                  column the reader knows, by its first name
  --scale N       decimals of the exact sums, DECIMAL(38, N) (default ${DEFAULT_SQL_SCALE}); a value with more
                  decimals is a skipped row of reason PRECISION, never rounded`;

export const sqlCommand: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args,
      options: { dialect: { type: 'string' }, from: { type: 'string' }, format: { type: 'string' }, columns: { type: 'string' }, scale: { type: 'string' } },
      strict: true,
    });
    const dialect = values.dialect as SqlDialect | undefined;
    if (dialect === undefined || !SQL_DIALECTS.includes(dialect)) throw new UsageError('--dialect must be duckdb, athena or trino');
    if (values.from === undefined || values.from === '') throw new UsageError('--from names the table (athena, trino) or the file (duckdb)');
    const format = values.format === undefined ? 'cur2' : SQL_FORMATS.find((f) => f === values.format);
    if (format === undefined) throw new UsageError('--format must be cur1, cur2 or focus');
    const scale = values.scale === undefined ? DEFAULT_SQL_SCALE : Number(values.scale);
    if (!Number.isInteger(scale) || scale < 0 || scale > 30) throw new UsageError('--scale must be a whole number from 0 to 30');

    if (dialect === 'duckdb') {
      const file = path.resolve(io.cwd, values.from);
      if (!existsSync(file)) throw new UsageError(`--from ${values.from}: no such file`);
      const session = await openDuckdb();
      try {
        const planned = await fileGroupsQuery(session, file, values.from);
        if ('reason' in planned) throw new UsageError(`--from ${values.from}: ${planned.reason}`);
        io.stdout(`${planned.sql};\n`);
      } finally {
        session.close();
      }
      return 0;
    }
    const columns = values.columns === undefined ? undefined : values.columns.split(',').map((name) => ({ name: name.trim() })).filter((c) => c.name !== '');
    io.stdout(`${groupsSql({ dialect, format, from: values.from, columns, scale })};\n`);
    return 0;
  },
};
