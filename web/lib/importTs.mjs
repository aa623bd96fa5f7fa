// Loads a dependency-free TypeScript module of lib/ for the unit tests: transpiled in memory with the project's
// `typescript` package and imported from a data: URL, so no extra test tooling is needed.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export async function importTs(url) {
  const source = await readFile(url, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}
