// ortop's version, kept in step with package.json by the test in test/version.test.ts.
export const VERSION = '0.1.0';
