import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = join(__dirname, '..', '..', 'shared');
const copies = {
  'openapi-search-subset.json': 'x-api',
  'example-search-recent.json': 'x-api',
  'compose-spec.json': 'schemas',
};

describe('reference files copied from ../shared', () => {
  const present = existsSync(shared);
  if (!present)
    process.stderr.write(
      `\n  NOTE: ${shared} is not beside this clone; the copies in test/fixtures/shared are used as they are\n\n`,
    );
  (present ? test.each : test.skip.each)(Object.entries(copies))(
    'when %s is in ../shared, then the copy equals it',
    (file, folder) => {
      expect(readFileSync(join(__dirname, 'fixtures', 'shared', file), 'utf8')).toBe(
        readFileSync(join(shared, folder, file), 'utf8'),
      );
    },
  );
});
