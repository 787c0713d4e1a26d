import { json } from '@codemirror/lang-json';
import { syntaxTree } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { Input, Text } from '@mantine/core';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useId, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useJsonProblemText } from '../../lib/use-json-problem';
import { FieldPicker } from './FieldPicker';
import { problemOf, type JsonEditorMode } from './json-mode';
import { usePickerEntries } from './picker-data';

export interface JsonEditorProps {
  label: ReactNode;
  description?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  mode?: JsonEditorMode;
  error?: ReactNode;
  minHeight?: string;
  maxHeight?: string;
}

/** CodeMirror with JSON highlighting, an inline marker at the first mistake, and the field picker in its toolbar. */
export default function JsonEditor({ label, description, value, onChange, mode = 'json', error, minHeight = '160px', maxHeight = '420px' }: JsonEditorProps) {
  const { t } = useTranslation();
  const describe = useJsonProblemText();
  const entries = usePickerEntries();
  const editor = useRef<ReactCodeMirrorRef>(null);
  const labelId = useId();
  const problemId = useId();
  const problem = problemOf(value, mode);
  const labelText = typeof label === 'string' ? label : '';

  const extensions = useMemo(
    () => [
      json(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-labelledby': labelId, 'aria-describedby': problemId }),
      linter(
        (view): Diagnostic[] => {
          const text = view.state.doc.toString();
          const found = problemOf(text, mode);
          if (!found) return [];
          const from = Math.min(found.offset, text.length);
          return [{ from, to: Math.min(from + 1, text.length), severity: 'error', message: describe(found) }];
        },
        { delay: 250 },
      ),
      lintGutter(),
    ],
    // `describe` is new on every render but only changes with the language (`t`); the linter must speak it.
    [mode, labelId, problemId, t],
  );

  /** Inside a JSON string the reference goes in as is; elsewhere it becomes a string of its own so the document stays valid. */
  const insert = (reference: string) => {
    const view = editor.current?.view;
    if (!view) {
      onChange(value + reference);
      return;
    }
    const { from, to } = view.state.selection.main;
    let text = reference;
    if (mode === 'json') {
      const node = syntaxTree(view.state).resolveInner(from, -1);
      const inString = node.name === 'String' && from > node.from && from < node.to;
      if (!inString) text = JSON.stringify(reference);
    }
    view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length } });
    view.focus();
  };

  return (
    <Input.Wrapper
      label={<span id={labelId}>{label}</span>}
      description={description}
      error={error}
    >
      <div className={`json-editor${problem ? ' json-editor-invalid' : ''}`}>
        <div className="json-editor-toolbar">
          <Text size="xs" c="dimmed">
            {t('composer.pickerHint')}
          </Text>
          <FieldPicker entries={entries} onPick={(entry) => insert(entry.insert)} label={t('picker.insertInto', { field: labelText })} />
        </div>
        <CodeMirror
          ref={editor}
          value={value}
          onChange={onChange}
          extensions={extensions}
          minHeight={minHeight}
          maxHeight={maxHeight}
          basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false, searchKeymap: true }}
        />
      </div>
      <Text id={problemId} size="sm" c="red.7" mt={4} role={problem ? 'alert' : undefined} data-testid="json-problem">
        {problem ? describe(problem) : ''}
      </Text>
    </Input.Wrapper>
  );
}
