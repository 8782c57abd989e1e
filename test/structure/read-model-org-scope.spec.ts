// Proves every read of a read model is scoped to an org, structurally (TypeScript's parser, not a grep): in
// every source file of libs/*/src, each kysely chain that starts at selectFrom/updateTable/deleteFrom of a
// read-model table (the tables of every registered projection) carries a `.where('org', …)` predicate (or a
// raw `sql` predicate naming `org`), and every upsert into one conflicts on a target that includes `org`.
// A violation fails naming file:line and table. Exceptions are listed below with their reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectionRegistry } from '../../apps/main/projections';

const ROOT = join(__dirname, '..', '..');

/** file (from the repo root) → tables it may read across orgs, and why. */
const CROSS_ORG_READS: Record<string, Record<string, string>> = {
  'libs/ledger/src/earnings/commands/release-due/release-due.service.ts': {
    ledger_earning: 'the release-due scheduler scans due period holds of every org (or one, when given); each earning is then decided in its own org\'s stream',
  },
};

const STARTS = new Set(['selectFrom', 'updateTable', 'deleteFrom']);

export interface Violation {
  file: string;
  line: number;
  table: string;
  problem: string;
}

/** The read-model table a selectFrom/… argument names (`'t'`, `'t as x'`), or null. */
function tableOf(arg: ts.Expression | undefined): string | null {
  if (!arg || !ts.isStringLiteralLike(arg)) return null;
  return arg.text.split(/\s+as\s+/i)[0]!.trim();
}

function templateText(node: ts.Node): string | null {
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'sql') return node.template.getText();
  return null;
}

function isOrgPredicate(call: ts.CallExpression): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  if (ts.isStringLiteralLike(first)) return /^(\w+\.)?org$/.test(first.text);
  const raw = templateText(first);
  if (raw !== null) return /\borg\b/.test(raw);
  // eb => eb('org', …) / eb.and([...eb('org', …)])
  return /\beb\(\s*['"](\w+\.)?org['"]/.test(first.getText());
}

/** The calls chained after `start`: start.a(...).b(...) → [a(...), b(...)]. */
function chainAfter(start: ts.CallExpression): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  let node: ts.Node = start;
  while (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && ts.isCallExpression(node.parent.parent)) {
    node = node.parent.parent;
    calls.push(node as ts.CallExpression);
  }
  return calls;
}

function methodName(call: ts.CallExpression): string | null {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : null;
}

/** Every unscoped read or non-org upsert of `tables` in one source text. */
export function findViolations(file: string, text: string, tables: ReadonlySet<string>, exempt: Record<string, string> = {}): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const violations: Violation[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const name = methodName(node);
      const table = tableOf(node.arguments[0]);
      if (name !== null && table !== null && tables.has(table)) {
        const chain = chainAfter(node);
        if (STARTS.has(name) && !(table in exempt) && !chain.some((c) => methodName(c) === 'where' && isOrgPredicate(c))) {
          violations.push({ file, line: lineOf(node), table, problem: `${name}('${table}') without a where('org', …) predicate` });
        }
        if (name === 'insertInto') {
          for (const c of chain.filter((c) => methodName(c) === 'onConflict')) {
            if (!/['"]org['"]/.test(c.arguments[0]?.getText() ?? '')) violations.push({ file, line: lineOf(c), table, problem: `insertInto('${table}') conflicts on a target without org` });
          }
        }
      }
    }
    const raw = templateText(node);
    if (raw !== null) {
      for (const match of raw.matchAll(/INSERT\s+INTO\s+(\w+)[\s\S]*?ON\s+CONFLICT\s*\(([^)]*)\)/gi)) {
        if (tables.has(match[1]!) && !/\borg\b/.test(match[2]!)) {
          violations.push({ file, line: lineOf(node), table: match[1]!, problem: `INSERT INTO ${match[1]} … ON CONFLICT (${match[2]}) without org` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['migrations', 'testing', 'node_modules'].includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const readModelTables = new Set(projectionRegistry.all().flatMap((p) => p.tables));

it('knows the read-model tables from the projection registry', () => {
  expect([...readModelTables]).toEqual(expect.arrayContaining(['ledger_earning', 'ledger_earning_transition', 'ledger_conversion', 'orders_order', 'orders_line', 'program_campaign', 'program_code', 'audit_stream']));
});

it('every read of a read model in libs/*/src filters by org; every upsert conflicts on an org-keyed target', () => {
  const libs = readdirSync(join(ROOT, 'libs')).map((lib) => join(ROOT, 'libs', lib, 'src'));
  const files = libs.flatMap((dir) => { try { return sourceFiles(dir); } catch { return []; } });
  expect(files.length).toBeGreaterThan(100);
  const violations = files.flatMap((path) => {
    const file = relative(ROOT, path);
    return findViolations(file, readFileSync(path, 'utf8'), readModelTables, CROSS_ORG_READS[file] ?? {});
  });
  expect(violations.map((v) => `${v.file}:${v.line} ${v.problem}`)).toEqual([]);
});

it('names the file of a chain without an org predicate (the check itself works)', () => {
  const tables = new Set(['ledger_earning_transition', 'ledger_earning']);
  const text = `
    const a = await db.selectFrom('ledger_earning_transition').selectAll().where('earning_id', '=', id).execute();
    const b = await db.selectFrom('ledger_earning_transition as t').selectAll().where('t.org', '=', org).execute();
    const c = await db.selectFrom('ledger_earning').where(sql\`(org, earning_id) in (\${x})\`).execute();
    const d = await db.selectFrom('parked_event').selectAll().execute();
    await db.insertInto('ledger_earning').values(rows).onConflict((oc) => oc.column('earning_id').doNothing()).execute();
    await sql\`INSERT INTO ledger_earning (a) SELECT 1 ON CONFLICT (earning_id) DO NOTHING\`.execute(db);
  `;
  expect(findViolations('libs/x/src/queries/bad.query.ts', text, tables).map((v) => `${v.file}:${v.line} ${v.table}`)).toEqual([
    'libs/x/src/queries/bad.query.ts:2 ledger_earning_transition',
    'libs/x/src/queries/bad.query.ts:6 ledger_earning',
    'libs/x/src/queries/bad.query.ts:7 ledger_earning',
  ]);
});
