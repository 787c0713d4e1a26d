import { Skeleton } from '@mantine/core';
import { lazy, Suspense, type ComponentProps } from 'react';

const ProcessingChart = lazy(() => import('./ProcessingChart'));

export function LazyChart(props: ComponentProps<typeof ProcessingChart>) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 120} />}>
      <ProcessingChart {...props} />
    </Suspense>
  );
}
