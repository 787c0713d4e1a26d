import { httpRequestSettingsSchema, type ActionOf } from '@provod/contracts';
import type { ReactNode } from 'react';
import type { ApiIssue } from '../../api/client';
import { IssuesProvider } from './issues';
import { PickerDataContext, PickerPositionContext, type PickerData } from './picker-data';

/** A U-ON-like sample: the webhook gave r_id=61, the first step fetched the request. */
export const fetchStep: ActionOf<'http_request'> = {
  id: 'a1',
  key: 'fetch_request',
  name: 'Fetch the request',
  type: 'http_request',
  settings: httpRequestSettingsSchema.parse({ url: 'https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json' }),
};

export const parseStep: ActionOf<'json_parser'> = {
  id: 'a2',
  key: 'fields',
  name: 'Parse the request',
  type: 'json_parser',
  settings: { input: '{{fetch_request.body}}', fields: [{ name: 'client_name', path: '["request"][0]["client_name"]', required: false, cast: 'none' }] },
};

export const composeStep: ActionOf<'json_composer'> = {
  id: 'a3',
  key: 'lead',
  name: 'Compose the lead',
  type: 'json_composer',
  settings: { template: '{"name": "{{fields.client_name}}"}', dropEmpty: false },
};

export const samplePicker: PickerData = {
  source: { type: 'webhook', methods: ['GET', 'POST'], parameters: [{ name: 'r_id', keys: ['r_id', 'request_id'] }], dedup: null },
  actions: [fetchStep, parseStep, composeStep],
  params: { r_id: '61' },
  request: { method: 'GET', query: { r_id: '61', type_id: '2' }, headers: {}, contentType: null, bodyText: null, bodyEncoding: 'utf8', body: null },
  outputs: {
    a1: { status: 200, headers: { 'content-type': 'application/json' }, body: { request: [{ id: 61, client_name: 'Ivan', client_phone_mobile: '+7 927 000-00-00' }] } },
  },
  secrets: ['UON_KEY', 'ENVYBOX_KEY'],
};

export function EditorContext({ children, position, data = samplePicker, issues = [] }: { children: ReactNode; position: number; data?: PickerData; issues?: ApiIssue[] }) {
  return (
    <IssuesProvider issues={issues}>
      <PickerDataContext.Provider value={data}>
        <PickerPositionContext.Provider value={position}>{children}</PickerPositionContext.Provider>
      </PickerDataContext.Provider>
    </IssuesProvider>
  );
}
