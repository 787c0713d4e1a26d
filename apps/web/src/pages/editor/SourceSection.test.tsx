import type { WebhookSource } from '@provod/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiIssue } from '../../api/client';
import { renderWithApp } from '../../test/render';
import { SourceSection } from './SourceSection';
import { EditorContext } from './test-fixtures';

function setup(initial: WebhookSource, issues: ApiIssue[] = []) {
  let latest = initial;
  function Harness() {
    const [source, setSource] = useState(initial);
    return (
      <EditorContext position={0} issues={issues}>
        <SourceSection
          token="tok"
          source={source}
          onChange={(next) => {
            latest = next;
            setSource(next);
          }}
          onRegenerate={() => undefined}
          regenerating={false}
          expanded
          onToggle={() => undefined}
        />
      </EditorContext>
    );
  }
  renderWithApp(<Harness />);
  return { user: userEvent.setup(), source: () => latest };
}

const saved: WebhookSource = { type: 'webhook', methods: ['GET'], parameters: [{ name: 'r_id' }], dedup: null };

describe('source: events processed at once', () => {
  it('shows the default for a processing saved without the setting, and saves what the user types', async () => {
    const { user, source } = setup(saved);
    const input = screen.getByRole('textbox', { name: /Events processed at once/ });
    expect(input).toHaveValue('5');
    expect(screen.getByText(/Default: 5/)).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '2');
    expect(source().concurrency).toBe(2);
    // Cleared, the setting is left out and the default applies again.
    await user.clear(input);
    expect(source().concurrency).toBeUndefined();
  });

  it("shows the server's complaint next to the field", () => {
    setup({ ...saved, concurrency: 5 }, [{ path: 'source.concurrency', message: 'Too big: expected number to be <=100' }]);
    expect(screen.getByText('Too big: expected number to be <=100')).toBeInTheDocument();
  });
});
