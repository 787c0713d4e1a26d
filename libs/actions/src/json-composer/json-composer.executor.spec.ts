import { type ActionOf, jsonComposerActionSchema } from '@provod/contracts';
import { isStepFailure } from '@provod/engine';
import { contextWith, testScope } from '../__tests__/test-context';
import { uonRequestFixture } from '../__tests__/uon-request.fixture';
import { JsonComposerExecutor } from './json-composer.executor';

const executor = new JsonComposerExecutor();

function action(settings: Record<string, unknown>): ActionOf<'json_composer'> {
  return jsonComposerActionSchema.parse({ id: 'c1', key: 'lead', name: 'Compose lead', type: 'json_composer', settings });
}

const request = uonRequestFixture.request[0];
const scope = testScope({
  fields: { client_name: request?.client_name, price: request?.calc_price, phone: request?.client_phone, services: request?.services },
});

describe('JsonComposerExecutor', () => {
  it('keeps numbers as numbers and objects as objects', async () => {
    const template = JSON.stringify({
      title: 'Заявка #{{source.r_id}}: {{fields.client_name}}',
      price: '{{fields.price}}',
      services: '{{fields.services}}',
      phone: '{{digits fields.phone}}',
      source: 'Provod',
    });
    const outcome = await executor.execute(action({ template }), contextWith(scope));
    expect(outcome).toEqual({
      input: { template },
      output: {
        title: 'Заявка #61: Алексей',
        price: 150000,
        services: request?.services,
        phone: '',
        source: 'Provod',
      },
      unresolved: [],
    });
  });

  it('drops empty fields when asked', async () => {
    const outcome = await executor.execute(
      action({ template: '{"name":"{{fields.client_name}}","phone":"{{fields.phone}}","email":"{{fields.email}}"}', dropEmpty: true }),
      contextWith(scope),
    );
    expect(outcome.output).toEqual({ name: 'Алексей' });
    expect(outcome.unresolved).toEqual(['fields.email']);
  });

  it('fails on a template that is not JSON, recording the template', async () => {
    let failure: unknown;
    try {
      await executor.execute(action({ template: '{"a": "{{source.r_id}}",}' }), contextWith(scope));
    } catch (error) {
      failure = error;
    }
    expect(isStepFailure(failure)).toBe(true);
    if (!isStepFailure(failure)) return;
    expect(failure.code).toBe('invalid_template');
    expect(failure.details).toEqual({ input: { template: '{"a": "{{source.r_id}}",}' } });
  });
});
