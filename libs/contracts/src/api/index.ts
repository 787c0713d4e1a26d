// The shapes the API answers with: the server types its handlers with them and the web app reads them,
// so the two cannot drift apart (docs/api.md describes the same endpoints in words).
export * from './accounts.responses';
export * from './processings.responses';
export * from './operations.responses';
export * from './test-runs.responses';
export * from './workspace.responses';
export * from './system.responses';
