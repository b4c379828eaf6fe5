import { readFileSync, writeFileSync } from 'node:fs';
import { CONFIGURATION_DOC, ENV_EXAMPLE, configurationDoc, envExample } from './config-docs';

/** `npm run docs:config`: writes docs/configuration.md and .env.example from the settings in src/config/. */
writeFileSync(CONFIGURATION_DOC, configurationDoc());
writeFileSync(ENV_EXAMPLE, envExample(readFileSync(ENV_EXAMPLE, 'utf8')));
