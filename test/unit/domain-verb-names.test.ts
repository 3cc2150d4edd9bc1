import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The naming rule of the domain layer (CONTRIBUTING.md): a `find…` function answers null (or
 * undefined) when there is nothing, a `get…` function never does: it throws `not_found`
 * instead. Checked on the types the compiler infers, so a declared or inferred return type
 * that breaks the rule fails here, whoever wrote it.
 */

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

interface Verb {
  name: string;
  file: string;
  /** The awaited return type, as the compiler writes it. */
  returns: string;
  nullable: boolean;
  /** The compiler could not tell (an unresolved import would make it `any`). */
  unknown: boolean;
  /** Throws `new DomainError('not_found', …)` in its own body. */
  throwsNotFound: boolean;
  /** Has a `return null` or `return undefined` in its own body. */
  returnsNothing: boolean;
}

function domainVerbs(): Verb[] {
  const configPath = ts.findConfigFile('.', ts.sys.fileExists, 'tsconfig.json')!;
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    '.',
  );
  const files = tsFiles('src/domain');
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const verbs: Verb[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    for (const node of source.statements) {
      if (!ts.isFunctionDeclaration(node) || !node.name || !node.body) continue;
      const name = node.name.text;
      if (!/^(find|get)[A-Z]/.test(name)) continue;
      const signature = checker.getSignatureFromDeclaration(node)!;
      const returned = checker.getReturnTypeOfSignature(signature);
      const awaited = checker.getAwaitedType(returned) ?? returned;
      const parts = awaited.isUnion() ? awaited.types : [awaited];
      const body = node.body.getText(source);
      verbs.push({
        name,
        file,
        returns: checker.typeToString(awaited),
        nullable: parts.some((t) => (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0),
        unknown: parts.some((t) => (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0),
        throwsNotFound: /new DomainError\(\s*'not_found'/.test(body),
        returnsNothing: /\breturn (null|undefined)\s*;/.test(body),
      });
    }
  }
  return verbs;
}

describe('find… and get… in src/domain', () => {
  let verbs: Verb[] = [];
  let finds: Verb[] = [];
  let gets: Verb[] = [];
  // Type-checking the domain layer takes a few seconds.
  beforeAll(() => {
    verbs = domainVerbs();
    finds = verbs.filter((v) => v.name.startsWith('find'));
    gets = verbs.filter((v) => v.name.startsWith('get'));
  }, 60_000);
  const described = (v: Verb) => `${v.name} (${v.file}): ${v.returns}`;

  it('are found, with types the compiler could resolve', () => {
    expect(finds.length).toBeGreaterThan(10);
    expect(gets.length).toBeGreaterThan(10);
    expect(verbs.map((v) => v.name)).toEqual(
      expect.arrayContaining(['findCampaign', 'getCampaign', 'getPublishedNotice']),
    );
    expect(verbs.filter((v) => v.unknown).map(described)).toEqual([]);
  });

  it('find… answers null or undefined for nothing, and does not throw not_found itself', () => {
    expect(finds.filter((v) => !v.nullable).map(described)).toEqual([]);
    expect(finds.filter((v) => v.throwsNotFound).map(described)).toEqual([]);
  });

  it('get… never answers null or undefined', () => {
    expect(gets.filter((v) => v.nullable || v.returnsNothing).map(described)).toEqual([]);
  });
});
