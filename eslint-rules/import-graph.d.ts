// Types for the TypeScript tests that import the graph reader (plain JS: eslint.config.js loads it).
export function importSpecifiers(text: string): string[];
export function resolveSpecifier(fromFile: string, specifier: string): string | null;
export function loopComponents<T>(edges: Map<T, Set<T>>): Map<T, number>;
export function shortestPath<T>(edges: Map<T, Set<T>>, from: T, to: T): T[] | null;
export interface ImportGraph {
  root: string;
  nodeOf(file: string): string;
  fileEdges: Map<string, Set<string>>;
  folderEdges: Map<string, Set<string>>;
  folderWitness: Map<string, [string, string]>;
  specifiersByFile: Map<string, string>;
  fileLoops: Map<string, number>;
  folderLoops: Map<string, number>;
}
export function buildImportGraph(root: string, options?: { strictFolders?: boolean }): ImportGraph;
