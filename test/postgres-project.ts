// The Jest project that runs the component tests on PostgreSQL (jest.config.js).
process.env.TEST_DATABASE = 'postgres';
