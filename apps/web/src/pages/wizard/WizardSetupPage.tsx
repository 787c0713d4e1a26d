import { Anchor, Button, Collapse, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { mappingDefaults, type WizardQuestion } from '@provod/contracts';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, keys } from '../../api/endpoints';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { findEntry, type GalleryEntry } from '../../templates';
import { useLocalText } from './local-text';
import { MappingTable } from './MappingTable';
import { QuestionInput } from './QuestionInput';
import { checkAnswers, choiceQuery, planProcessing, type CheckedAnswers, type WizardForm } from './wizard-answers';

export default function WizardSetupPage() {
  const { t } = useTranslation();
  const { entryId } = useParams();
  const found = findEntry(entryId);
  useDocumentTitle(`${t('wizard.galleryTitle')} · Provod`);
  if (!found) {
    return (
      <EmptyState title={t('wizard.notFound')}>
        <Anchor component={Link} to="/wizard" size="sm">
          {t('wizard.backToGallery')}
        </Anchor>
      </EmptyState>
    );
  }
  return <WizardSetup key={found.entry.id} found={found} />;
}

function WizardSetup({ found: { entry, file } }: { found: GalleryEntry }) {
  const { t } = useTranslation();
  const local = useLocalText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const secrets = useQuery({ queryKey: keys.secrets, queryFn: api.secrets });
  const processings = useQuery({ queryKey: keys.processings, queryFn: api.processings });
  const secretNames = useMemo(() => (secrets.data ?? []).map((s) => s.name), [secrets.data]);
  const [showAdvanced, setShowAdvanced] = useState(false);
  const [problems, setProblems] = useState<CheckedAnswers['problems']>({});
  const [form, setForm] = useState<WizardForm>(() => ({
    values: Object.fromEntries(
      file.wizard.questions.map((q) => [q.id, entry.answers[q.id] ?? ('default' in q && q.default ? q.default : '')]),
    ),
    savedSecret: {},
    mapping: file.wizard.mapping ? mappingDefaults(file, file.wizard.mapping) : {},
  }));
  // A key saved under the template's own name (from an earlier set-up) is offered first.
  const savedSecretOf = (q: WizardQuestion) =>
    form.savedSecret[q.id] ?? (q.kind === 'secret' && secretNames.includes(q.secret) ? q.secret : '');
  const effectiveForm = (): WizardForm => ({
    ...form,
    savedSecret: Object.fromEntries(file.wizard.questions.map((q) => [q.id, savedSecretOf(q)])),
  });
  const choices = Object.fromEntries(file.wizard.questions.filter((q) => q.kind === 'choice').map((q) => [q.id, form.values[q.id] ?? '']));

  const create = useMutation({
    mutationFn: async () => {
      const current = effectiveForm();
      const checked = checkAnswers(file, current);
      const plan = planProcessing(file, entry, current, checked, {
        secrets: secretNames,
        processingNames: (processings.data ?? []).map((p) => p.name),
      });
      for (const [name, value] of Object.entries(plan.secrets)) await api.putSecret(name, value);
      const created = await api.createProcessing(plan.processing);
      return { created, checked };
    },
    onSuccess: ({ created, checked }) => {
      void client.invalidateQueries({ queryKey: keys.processings });
      void client.invalidateQueries({ queryKey: keys.secrets });
      navigate(`/wizard/${entry.id}/${created.id}${choiceQuery(file.wizard.questions, checked.answers)}`);
    },
  });

  const submit = () => {
    const checked = checkAnswers(file, effectiveForm());
    setProblems(checked.problems);
    const wrong = file.wizard.questions.filter((q) => checked.problems[q.id]);
    if (wrong.some((q) => q.advanced)) setShowAdvanced(true);
    if (wrong.length === 0) create.mutate();
  };

  const input = (q: WizardQuestion) => (
    <QuestionInput
      key={q.id}
      question={q}
      value={form.values[q.id] ?? ''}
      onChange={(value) => setForm((f) => ({ ...f, values: { ...f.values, [q.id]: value } }))}
      problem={problems[q.id]}
      secrets={secretNames}
      savedSecret={savedSecretOf(q)}
      onSavedSecret={(name) => setForm((f) => ({ ...f, savedSecret: { ...f.savedSecret, [q.id]: name } }))}
    />
  );
  const main = file.wizard.questions.filter((q) => !q.advanced);
  const advanced = file.wizard.questions.filter((q) => q.advanced);

  return (
    <Stack gap="md" maw={820}>
      <Anchor component={Link} to="/wizard" size="sm">
        ← {t('wizard.backToGallery')}
      </Anchor>
      <PageTitle title={t('wizard.setupTitle', { title: local(entry.title) })} subtitle={t('wizard.setupSubtitle')} />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
            <Stack gap="md">
              <Title order={2} size="h4">
                {t('wizard.questionsTitle')}
              </Title>
              {main.map(input)}
              {advanced.length > 0 && (
                <div>
                  <Button
                    variant="subtle"
                    px={0}
                    onClick={() => setShowAdvanced((v) => !v)}
                    aria-expanded={showAdvanced}
                    leftSection={showAdvanced ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                  >
                    {t('wizard.advanced')}
                  </Button>
                  <Collapse expanded={showAdvanced}>
                    <Stack gap="md" pt="xs">
                      <Text size="xs" c="dimmed">
                        {t('wizard.advancedHint')}
                      </Text>
                      {advanced.map(input)}
                    </Stack>
                  </Collapse>
                </div>
              )}
            </Stack>
          </Paper>

          {file.wizard.mapping && (
            <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
              <Stack gap="xs">
                <Title order={2} size="h4">
                  {t('wizard.mappingTitle')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('wizard.mappingHelp')}
                </Text>
                <MappingTable
                  mapping={file.wizard.mapping}
                  answers={choices}
                  value={form.mapping}
                  onChange={(json, source) => setForm((f) => ({ ...f, mapping: { ...f.mapping, [json]: source } }))}
                />
              </Stack>
            </Paper>
          )}

          <ErrorAlert error={create.error} />
          <Group>
            <Button type="submit" size="md" loading={create.isPending} disabled={secrets.isPending || processings.isPending}>
              {t('wizard.create')}
            </Button>
            {create.isPending && (
              <Text size="sm" c="dimmed">
                {t('wizard.creating')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
