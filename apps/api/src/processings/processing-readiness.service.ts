import { SAVE_BLOCKING_CODES, type ReadinessProblem, type WebhookSource, type Action } from '@provod/contracts';
import { PROVOD_CONFIG, SecretsRepository, type ProvodConfig } from '@provod/data';
import { checkReadiness } from '@provod/engine';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';

/** The readiness check with what it needs from the database: the workspace's secret names. */
@Injectable()
export class ProcessingReadiness {
  constructor(
    @Inject(SecretsRepository) private readonly secrets: SecretsRepository,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  async problems(workspaceId: string, definition: { source: WebhookSource; actions: readonly Action[] }): Promise<ReadinessProblem[]> {
    const secretNames = new Set((await this.secrets.list(workspaceId)).map((s) => s.name));
    return checkReadiness(definition, { secretNames, mailConfigured: Boolean(this.config.SMTP_URL) });
  }

  /** On save: what cannot even be stored (invalid JSON) is a 400; the rest comes back as warnings. */
  async warningsOrRefuse(workspaceId: string, definition: { source: WebhookSource; actions: readonly Action[] }): Promise<ReadinessProblem[]> {
    const problems = await this.problems(workspaceId, definition);
    const blocking = problems.filter((p) => SAVE_BLOCKING_CODES.has(p.code));
    if (blocking.length) throw refusal('Not saved', blocking);
    // "No steps yet" is how every new processing begins: it is said when starting, not on each save.
    return problems.filter((p) => p.code !== 'no_actions');
  }
}

/** A 400 whose `issues` the generic client shows and whose `problems` carry the Russian and English text. */
export function refusal(what: string, problems: ReadinessProblem[]): BadRequestException {
  return new BadRequestException({
    message: `${what}: ${problems.map((p) => `${p.step ? `step "${p.stepName}" ` : ''}${p.field}: ${p.message.en}`).join('; ')}`,
    issues: problems.map((p) => ({ path: p.path, message: p.message.en })),
    problems,
  });
}
