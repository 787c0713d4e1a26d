import { Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { JsonEditorProps } from './JsonEditor';

const JsonEditor = lazy(() => import('./JsonEditor'));

/** CodeMirror is most of the editor's weight; it loads when a JSON field is first shown, not with the page. */
export function LazyJsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<Skeleton height={props.minHeight ?? '160px'} radius="md" />}>
      <JsonEditor {...props} />
    </Suspense>
  );
}
