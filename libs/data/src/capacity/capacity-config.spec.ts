import { loadConfig } from '../config';

describe('destination host limits in the configuration', () => {
  it('defaults to 10 per host with no exceptions', () => {
    const config = loadConfig({});
    expect(config.DESTINATION_HOST_CONCURRENCY).toBe(10);
    expect(config.DESTINATION_HOST_CONCURRENCY_OVERRIDES).toEqual({});
  });

  it('reads per-host exceptions, host names in lower case', () => {
    const config = loadConfig({ DESTINATION_HOST_CONCURRENCY: '3', DESTINATION_HOST_CONCURRENCY_OVERRIDES: ' api.u-on.ru=4, CRM.example.com:8443 = 20 ,' });
    expect(config.DESTINATION_HOST_CONCURRENCY).toBe(3);
    expect(config.DESTINATION_HOST_CONCURRENCY_OVERRIDES).toEqual({ 'api.u-on.ru': 4, 'crm.example.com:8443': 20 });
  });

  it('refuses an exception that is not host=limit', () => {
    expect(() => loadConfig({ DESTINATION_HOST_CONCURRENCY_OVERRIDES: 'api.u-on.ru=0' })).toThrow(/api\.u-on\.ru=0/);
    expect(() => loadConfig({ DESTINATION_HOST_CONCURRENCY_OVERRIDES: 'api.u-on.ru' })).toThrow(/host=limit/);
  });
});
