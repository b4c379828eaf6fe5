import { EntitySchema } from 'typeorm';

/** One row (id 1) counting committed writes, so cached answers know when they are stale. */
export interface DataVersion {
  id: number;
  version: number;
}

export const DataVersionEntity = new EntitySchema<DataVersion>({
  name: 'DataVersion',
  tableName: 'data_version',
  columns: {
    id: { type: 'integer', primary: true },
    version: { type: 'integer' },
  },
});
