// The layer rules of the README's "What is where" table, checked on the import lines of every
// source file (tests excluded): a rule broken by a new import fails here, not in review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports (static, dynamic, re-exports), and its worker URLs. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Files of `dir` importing something `bad` matches, as "file → specifier". */
function offences(dir: string, bad: (spec: string) => boolean): string[] {
  return sources(dir).flatMap((f) => specifiers(f).filter(bad).map((s) => `${f} → ${s}`));
}

describe('layers', () => {
  it('finds imports at all (the rules below could fail)', () => {
    expect(specifiers('src/model/trainer.ts')).toContain('./accelerators');
    expect(offences('src/model', (s) => s.includes('@tensorflow')).length).toBeGreaterThan(0);
  });

  it('src/model imports nothing from src/kernels, the workers, the page or React', () => {
    expect(offences('src/model', (s) => /\.\.\/(kernels|workers|client|components)\b|^react/.test(s))).toEqual([]);
  });

  it('src/kernels imports nothing from the model or any higher layer', () => {
    expect(offences('src/kernels', (s) => /\.\.\/(model|workers|client|components|data)\b/.test(s))).toEqual([]);
  });

  it('src/data imports nothing from the kernels, the workers or the page', () => {
    expect(offences('src/data', (s) => /\.\.\/(kernels|workers|client|components)\b|^react/.test(s))).toEqual([]);
  });

  it('src/shared (what both programs import) imports neither program', () => {
    expect(offences('src/shared', (s) => /\.\.\/(workers|client|components|kernels)\b|^react|@tensorflow/.test(s))).toEqual([]);
  });

  it('src/workers never imports the page side or React', () => {
    expect(offences('src/workers', (s) => /\.\.\/(client|components)\b|^react/.test(s))).toEqual([]);
  });

  it('the explanations and the latent explorer share src/components/latentShared; it imports neither, explain/ nothing of latent/', () => {
    expect(offences('src/components/latentShared', (s) => /\.\.\/(latent|explain)\//.test(s))).toEqual([]);
    expect(offences('src/components/explain', (s) => /\.\.\/latent\//.test(s))).toEqual([]);
  });

  it('src/client and src/components never import worker-side modules or TF.js', () => {
    const bad = (s: string) => /\.\.\/workers\b|@tensorflow/.test(s);
    expect([...offences('src/client', bad), ...offences('src/components', bad)]).toEqual([]);
  });
});
