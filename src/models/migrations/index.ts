export { migrations as sqliteMigrations } from './sqlite';
export { migrations as postgresMigrations } from './postgres';
