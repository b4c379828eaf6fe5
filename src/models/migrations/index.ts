import { InitialSchema1764040000000 } from './1764040000000-initial-schema';

export const migrations = [InitialSchema1764040000000];
