// `npx tsx scripts/dead-exports.ts`: exports of src/ that nothing imports — not src, test, bench, scripts nor tools.
// One TypeScript program over all of them; every import, re-export and `import()` is resolved to the symbol it names.
// Prints `file:symbol`: "used nowhere" (dead: delete it) and values "used only in their own file" (drop the export).
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const SCANNED = ['src', 'test', 'bench', 'scripts', 'tools'];
const SOURCE = /\.(?:ts|tsx|mts|js|mjs)$/;

function listFiles(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, out);
    else if (SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

/** The symbol an alias (import/export specifier) finally names. */
function target(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  if (!symbol) return undefined;
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** `const { a, b: c } = await import('x')`: the names taken (a, b); null when the whole module may be used. */
function destructuredNames(call: ts.CallExpression): string[] | null {
  const awaited = ts.isAwaitExpression(call.parent) ? call.parent : null;
  const declaration = awaited && ts.isVariableDeclaration(awaited.parent) ? awaited.parent : null;
  if (!declaration || !ts.isObjectBindingPattern(declaration.name)) return null;
  const names: string[] = [];
  for (const element of declaration.name.elements) {
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !ts.isIdentifier(key)) return null;
    names.push(key.text);
  }
  return names;
}

/** Marks every symbol another file imports or re-exports by name, and whole modules imported as a namespace. */
function collectUses(program: ts.Program, checker: ts.TypeChecker): Set<ts.Symbol> {
  const used = new Set<ts.Symbol>();
  const useModule = (specifier: ts.Expression) => {
    const moduleSymbol = checker.getSymbolAtLocation(specifier);
    if (moduleSymbol) for (const s of checker.getExportsOfModule(moduleSymbol)) used.add(target(checker, s) ?? s);
  };
  const useNames = (specifier: ts.Expression, names: string[]) => {
    const moduleSymbol = checker.getSymbolAtLocation(specifier);
    if (!moduleSymbol) return;
    for (const s of checker.getExportsOfModule(moduleSymbol)) if (names.includes(s.name)) used.add(target(checker, s) ?? s);
  };
  const visit = (node: ts.Node) => {
    // A re-export (`export { a } from`, `export *`) is no use: an import through it resolves to the original.
    if ((ts.isImportSpecifier(node) || ts.isImportClause(node)) && node.name) {
      const symbol = target(checker, checker.getSymbolAtLocation(node.name));
      if (symbol) used.add(symbol);
    } else if (ts.isNamespaceImport(node)) {
      useModule(node.parent.parent.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      const names = destructuredNames(node);
      if (names === null) useModule(node.arguments[0]);
      else useNames(node.arguments[0], names);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      useModule(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
  return used;
}

/** How often `name` appears as a word in `text` (declaration included). */
function mentions(text: string, name: string): number {
  return text.split(/[^\w$]+/).filter((word) => word === name).length;
}

function main(): void {
  const files = SCANNED.flatMap((dir) => listFiles(join(ROOT, dir), []));
  const program = ts.createProgram(files, {
    allowJs: true,
    noEmit: true,
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node', 'vite/client'],
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const used = collectUses(program, checker);
  const dead: string[] = [];
  const local: string[] = [];
  for (const file of program.getSourceFiles()) {
    const path = relative(ROOT, file.fileName);
    if (!path.startsWith('src/') || file.isDeclarationFile) continue;
    const moduleSymbol = checker.getSymbolAtLocation(file);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = target(checker, exported) ?? exported;
      if (used.has(symbol) || exported.name === 'default') continue;
      const typeOnly = !(symbol.flags & ts.SymbolFlags.Value);
      if (mentions(file.text, exported.name) <= 1) dead.push(`${path}:${exported.name}`);
      // A type its own file's exported signatures name is API surface, not clutter: only values are listed.
      else if (!typeOnly) local.push(`${path}:${exported.name}`);
    }
  }
  console.log(`Used nowhere (${dead.length}):`);
  for (const entry of dead.sort()) console.log(`  ${entry}`);
  console.log(`Values used only in their own file (${local.length}):`);
  for (const entry of local.sort()) console.log(`  ${entry}`);
}

main();
