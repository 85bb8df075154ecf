// The import graph of a source tree, read with a regular expression over each file's import lines (no parser: the
// whole tree is read once per lint run, and a missed exotic import only means a loop found later, not a wrong one).
// Folders are file directories; loops are strongly connected components (Tarjan), of files and of folders.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.cjs'];
const RESOLVE_SUFFIXES = [...SOURCE_EXTENSIONS, '.d.ts'];

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`. The clauses before `from` hold no quotes
// or semicolons, so one match never runs across a string or a statement.
const STATIC_FROM = /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g;
const BARE_IMPORT = /^\s*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** The module specifiers a source text imports, in order of appearance (duplicates kept). */
export function importSpecifiers(text) {
  const found = [];
  for (const pattern of [STATIC_FROM, BARE_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of text.matchAll(pattern)) found.push({ index: match.index, specifier: match[2] });
  }
  return found.sort((a, b) => a.index - b.index).map((entry) => entry.specifier);
}

/** The file a relative specifier names (extension and `/index` optional, a `?worker` query dropped), or null. */
export function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const bare = resolve(dirname(fromFile), specifier.replace(/\?.*$/s, ''));
  const candidates = [bare, ...RESOLVE_SUFFIXES.map((suffix) => bare + suffix), ...RESOLVE_SUFFIXES.map((suffix) => join(bare, `index${suffix}`))];
  // TypeScript's ESM style: './x.js' naming the source './x.ts'.
  if (/\.[cm]?js$/.test(bare)) candidates.push(...['.ts', '.tsx', '.mts', '.cts'].map((ext) => bare.replace(/\.[cm]?js$/, ext)));
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

function listSources(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, out);
    else if (SOURCE_EXTENSIONS.includes(extname(entry.name))) out.push(path);
  }
  return out;
}

/**
 * Strongly connected components of a directed graph given as Map<node, Set<node>>: returns Map<node, component id>
 * for the nodes that sit on a loop (components of one node without a self-edge are left out). Iterative, so a long
 * chain of files cannot overflow the stack.
 */
export function loopComponents(edges) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const component = new Map();
  let counter = 0;
  let components = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work = [{ node: root, next: [...(edges.get(root) ?? [])], at: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.at < frame.next.length) {
        const to = frame.next[frame.at++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: [...(edges.get(to) ?? [])], at: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const members = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.node);
      const selfLoop = edges.get(frame.node)?.has(frame.node);
      if (members.length > 1 || selfLoop) {
        for (const m of members) component.set(m, components);
        components++;
      }
    }
  }
  return component;
}

/** Shortest path from `from` to `to` along `edges` (both included), or null. */
export function shortestPath(edges, from, to) {
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) {
      const path = [];
      for (let at = to; at !== null; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of edges.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

function addEdge(edges, from, to) {
  if (!edges.has(from)) edges.set(from, new Set());
  edges.get(from).add(to);
}

/**
 * The node a file belongs to in the folder graph: its directory, except that a file sitting beside subfolders
 * (src/shared/model.ts, src/renderer/src/App.tsx) is a node of its own. Such files are their folder's top or bottom
 * layer — App wires the subfolders, model is read by all of them — so a subfolder importing one is a downward import,
 * not a loop; drawn as one node with its subfolders, every folder that has both would be "in a loop". With
 * `strictFolders`, every file belongs to its directory.
 */
function folderNodes(files, root, strictFolders) {
  const withSubfolders = new Set();
  for (const file of files) {
    for (let dir = dirname(dirname(file)); dir.length >= root.length; dir = dirname(dir)) {
      withSubfolders.add(dir);
      if (dir === root) break;
    }
  }
  return (file) => (!strictFolders && withSubfolders.has(dirname(file)) ? file : dirname(file));
}

/**
 * Reads every source file under `root`: file edges, folder edges (with one file import that makes each, for the
 * message), and which files and folders sit on loops.
 */
export function buildImportGraph(root, { strictFolders = false } = {}) {
  const files = listSources(root, []);
  const nodeOf = folderNodes(files, root, strictFolders);
  const fileEdges = new Map(files.map((file) => [file, new Set()]));
  const folderEdges = new Map();
  /** "from-node\0to-node" → [importing file, imported file]: an example of the folder edge. */
  const folderWitness = new Map();
  const specifiersByFile = new Map();
  for (const file of files) {
    const specifiers = importSpecifiers(readFileSync(file, 'utf8'));
    specifiersByFile.set(file, specifiers.join('\n'));
    for (const specifier of specifiers) {
      const target = resolveSpecifier(file, specifier);
      if (!target || !fileEdges.has(target)) continue;
      fileEdges.get(file).add(target);
      const [fromNode, toNode] = [nodeOf(file), nodeOf(target)];
      if (fromNode === toNode) continue;
      addEdge(folderEdges, fromNode, toNode);
      if (!folderWitness.has(`${fromNode}\0${toNode}`)) folderWitness.set(`${fromNode}\0${toNode}`, [file, target]);
    }
  }
  return {
    root,
    nodeOf,
    fileEdges,
    folderEdges,
    folderWitness,
    specifiersByFile,
    fileLoops: loopComponents(fileEdges),
    folderLoops: loopComponents(folderEdges),
  };
}
