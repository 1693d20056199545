// Parses ClickHouse SQL (a JSON array of texts on stdin) with sqlparser-rs's ClickHouse dialect and
// prints each text's statements as the parser's AST, or the parser's error. A separate process
// because the parser loads its WebAssembly through a dynamic import, which Jest's CommonJS
// runtime refuses.
import { init, parse } from '@guanmingchiu/sqlparser-ts';

const texts = JSON.parse(await new Response(process.stdin).text());
await init();
const parsed = texts.map((sql) => {
  try {
    return { statements: parse(sql, 'clickhouse') };
  } catch (e) {
    return { error: e.message };
  }
});
process.stdout.write(JSON.stringify(parsed));
