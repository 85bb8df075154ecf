// local/no-folder-cycles: an import from folder X to folder Y is reported when Y reaches X back (directly or round a
// loop of folders), and an import between two files of one folder when the imported file reaches the importer back.
// Folders are the layers of DESIGN.md drawn small: a loop means neither side can be read, tested or moved alone.
// A file beside subfolders (src/shared/model.ts) counts as a folder of its own: see folderNodes in import-graph.js.
import { relative, resolve, sep } from 'node:path';
import { buildImportGraph, importSpecifiers, resolveSpecifier, shortestPath } from './import-graph.js';

/** How long a graph read from disk is trusted (an editor's ESLint lives on while files change). */
const GRAPH_TTL_MS = 10_000;
const graphs = new Map();

/**
 * The graph of `root`, read once per lint run: re-read when older than GRAPH_TTL_MS, or when the file being linted
 * imports other things than it did when the graph was read (it was edited since).
 */
function graphFor(root, strictFolders, file, text) {
  const key = `${root}\0${strictFolders}`;
  const cached = graphs.get(key);
  const fresh = cached && Date.now() - cached.readAt < GRAPH_TTL_MS;
  if (fresh && cached.graph.specifiersByFile.get(file) === importSpecifiers(text).join('\n')) return cached.graph;
  const graph = buildImportGraph(root, { strictFolders });
  graphs.set(key, { graph, readAt: Date.now() });
  return graph;
}

function show(root, path) {
  return relative(root, path).split(sep).join('/') || '.';
}

function folderLoopMessage(graph, fromFolder, toFolder) {
  const back = shortestPath(graph.folderEdges, toFolder, fromFolder) ?? [toFolder, fromFolder];
  const [witnessFrom, witnessTo] = graph.folderWitness.get(`${back[0]}\0${back[1]}`) ?? [];
  const hop = witnessFrom ? ` (${show(graph.root, witnessFrom)} imports ${show(graph.root, witnessTo)})` : '';
  return { loop: back.map((folder) => show(graph.root, folder)).join(' → '), hop };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import loops between folders, and between files of one folder' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string', description: 'The source tree whose import graph is read (default: src)' },
          strictFolders: { type: 'boolean', description: 'A file beside subfolders belongs to its folder too (default: false)' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      folderLoop: "Folder loop: {{from}} imports {{to}}, and {{to}} reaches back: {{loop}}{{hop}}. Move what both need below both.",
      fileLoop: 'File loop: {{from}} imports {{to}}, which reaches back: {{loop}}. Move what both need to a file both import.',
    },
  },
  create(context) {
    const root = resolve(context.cwd, context.options[0]?.root ?? 'src');
    const file = resolve(context.filename);
    if (!file.startsWith(root + sep)) return {};
    const graph = graphFor(root, context.options[0]?.strictFolders ?? false, file, context.sourceCode.text);
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveSpecifier(file, source.value);
      if (!target) return;
      const [fromFolder, toFolder] = [graph.nodeOf(file), graph.nodeOf(target)];
      if (fromFolder !== toFolder) {
        const loop = graph.folderLoops.get(fromFolder);
        if (loop === undefined || loop !== graph.folderLoops.get(toFolder)) return;
        const data = { from: show(root, fromFolder), to: show(root, toFolder), ...folderLoopMessage(graph, fromFolder, toFolder) };
        context.report({ node: source, messageId: 'folderLoop', data });
        return;
      }
      const loop = graph.fileLoops.get(file);
      if (loop === undefined || loop !== graph.fileLoops.get(target)) return;
      const back = shortestPath(graph.fileEdges, target, file) ?? [target, file];
      const data = { from: show(root, file), to: show(root, target), loop: back.map((f) => show(root, f)).join(' → ') };
      context.report({ node: source, messageId: 'fileLoop', data });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default rule;
