import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const SCHEMA = join(root, 'clients', 'typescript', 'schema.d.ts');

describe('the TypeScript client of clients/typescript', () => {
  test('when its types are generated again from the current document, then they are the committed ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'client-'));
    const generated = join(dir, 'schema.d.ts');
    try {
      // The generator runs as `npm run client:generate` does: Prettier formats in ES modules, outside Jest.
      execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/generate-client.ts', generated], {
        cwd: root,
        stdio: 'pipe',
      });

      expect(readFileSync(generated, 'utf8')).toBe(readFileSync(SCHEMA, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
