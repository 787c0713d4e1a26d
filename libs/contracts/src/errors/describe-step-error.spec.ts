import { describeStepError } from './describe-step-error';
import { serviceName } from './service-name';

const envyboxStep = {
  type: 'http_request',
  settings: {
    url: 'https://agency.envycrm.com/openapi/v1/lead/',
    auth: { type: 'api_key', in: 'query', name: 'api_key', value: '{{secrets.ENVYBOX_KEY}}' },
  },
};

describe('describeStepError', () => {
  it('says which service rejected which secret, from the recorded details alone (as alerts have them)', () => {
    const error = {
      code: 'http_status',
      message: 'The server agency.envycrm.com answered 401 Unauthorized',
      details: { status: 401, host: 'agency.envycrm.com', secret: 'ENVYBOX_KEY' },
    };
    const sut = describeStepError(error, 'ru');
    expect(sut.sentence).toBe('Envybox отклонил ключ — проверьте секрет ENVYBOX_KEY');
    expect(describeStepError(error, 'en').sentence).toBe('Envybox rejected the key — check the secret ENVYBOX_KEY');
  });

  it('finds the service and the secret in the step definition when the error does not carry them', () => {
    const error = { code: 'http_status', message: 'The server answered 401', details: { status: 401 } };
    expect(describeStepError(error, 'ru', envyboxStep).sentence).toBe('Envybox отклонил ключ — проверьте секрет ENVYBOX_KEY');
  });

  it('names the missing U-ON record and its kind', () => {
    const error = { code: 'http_status', message: 'The server api.u-on.ru answered 404 Not Found', details: { status: 404 } };
    const context = { type: 'http_request', input: { method: 'GET', url: 'https://api.u-on.ru/••••••/request/69.json' } };
    expect(describeStepError(error, 'ru', context).sentence).toBe('В U-ON нет заявки 69 — проверьте номер или тип (заявка/обращение)');
    const lead = { ...context, input: { method: 'GET', url: 'https://api.u-on.ru/••••••/lead/12.json' } };
    expect(describeStepError(error, 'ru', lead).title).toBe('В U-ON нет обращения 12');
    expect(describeStepError(error, 'en', lead).title).toBe('U-ON has no lead 12');
  });

  it.each([
    ['network', { cause: 'ECONNREFUSED', host: 'api.u-on.ru' }, 'U-ON не принимает соединения: в подключении отказано'],
    ['network', { cause: 'ENOTFOUND', host: 'acount.envycrm.com' }, 'Сервер acount.envycrm.com не найден: такого адреса нет'],
    ['timeout', { cause: 'TimeoutError', host: 'api.telegram.org' }, 'Telegram не ответил вовремя'],
    ['blocked_address', { address: '10.0.0.5', host: 'intranet.local' }, 'Provod не отправляет запросы на внутренний адрес 10.0.0.5'],
    ['invalid_response_json', { host: 'b24-x1.bitrix24.ru', status: 200 }, 'Битрикс24 прислал ответ, который называет себя JSON, но не является им'],
    ['missing_field', { field: 'phone', path: '[request][0][phone]' }, 'В данных нет поля «phone» ([request][0][phone])'],
    ['missing_parameter', { parameter: 'r_id', received: ['type_id'] }, 'В запросе нет параметра r_id; пришли: type_id'],
  ])('%s → %s', (code, details, title) => {
    const sut = describeStepError({ code, message: 'technical', details }, 'ru');
    expect(sut.title).toBe(title);
    expect(sut.hint).toMatch(/[а-яё]/i);
    expect(sut.known).toBe(true);
  });

  it('reads the old invalid_json code by the step type that recorded it', () => {
    const old = { code: 'invalid_json', message: 'The input is not valid JSON' };
    expect(describeStepError(old, 'ru', { type: 'json_parser' }).title).toBe('На вход пришёл не JSON — разобрать его нельзя');
    expect(describeStepError(old, 'ru', { type: 'http_request' }).title).toMatch(/называет себя JSON/);
  });

  it('still writes a sentence for a code no catalogue knows', () => {
    const sut = describeStepError({ code: 'brand_new', message: 'x', step: 'Создать лид' }, 'ru');
    expect(sut).toMatchObject({ known: false, title: 'Шаг «Создать лид» завершился ошибкой' });
  });
});

describe('serviceName', () => {
  it.each([
    ['api.u-on.ru', 'U-ON'],
    ['agency.envycrm.com', 'Envybox'],
    ['api.telegram.org', 'Telegram'],
    ['b24-abc.bitrix24.ru', 'Битрикс24'],
    ['example.com:8080', 'example.com:8080'],
  ])('%s is %s', (host, name) => expect(serviceName(host)).toBe(name));
});
