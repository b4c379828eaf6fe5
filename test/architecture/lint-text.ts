import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

/**
 * Lints source texts as if they were files of the repository, with its own eslint.config.mjs (which
 * a Jest worker cannot load: ESLint imports it as an ES module). Reads `[{ filePath, code }]` as JSON
 * from stdin; writes `[{ filePath, messages: [{ ruleId, message }] }]` to stdout.
 */
export interface LintedText {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

async function main(): Promise<void> {
  const texts = JSON.parse(readFileSync(0, 'utf8')) as { filePath: string; code: string }[];
  const eslint = new ESLint({
    // The files are not on disk: TypeScript gives them a project of their own with the repository's options.
    overrideConfig: {
      languageOptions: {
        parserOptions: {
          projectService: {
            allowDefaultProject: texts.map((text) => text.filePath),
            defaultProject: 'tsconfig.json',
            maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: texts.length,
          },
        },
      },
    },
  });
  const linted: LintedText[] = [];
  for (const { filePath, code } of texts) {
    const [result] = await eslint.lintText(code, { filePath });
    const messages = (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
    linted.push({ filePath, messages });
  }
  process.stdout.write(JSON.stringify(linted));
}

void main();
