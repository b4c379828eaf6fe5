import type { MigrationInterface, QueryRunner } from 'typeorm';
import { reResolveCountries } from '../re-resolve-countries';

/** Written by hand: posts stored before the resolver read state codes, regions and every language. */
export class ReResolveCountries1796040000000 implements MigrationInterface {
  name = 'ReResolveCountries1796040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await reResolveCountries(queryRunner, (n) => `$${n}`);
  }

  async down(): Promise<void> {
    // The codes read before are not kept: the better readings stay, and the counter with them.
  }
}
