import { createRequire } from 'node:module';

/**
 * YAML documents, `---` between them. The YAML library is loaded on first use, as for
 * `.foreman`: `start` should not pay for it. Strings YAML 1.1 would read as something else
 * (`no`, `on`, `0755`) are quoted, since docker compose and kubectl both read 1.1-style.
 */
export function yamlDocuments(documents: readonly unknown[]): string {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return documents.map((document) => yaml.stringify(document, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
